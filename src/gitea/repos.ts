/** Repository, branch and commit reads. */
import { type GiteaClient, send } from "./client.js";
import { branchSchema, commitSchema, repositorySchema } from "./schema.js";
import type { GiteaBranch, GiteaCommit, GiteaRepo } from "./types.js";

export async function getRepository(client: GiteaClient): Promise<GiteaRepo> {
  const { data } = await send(
    client.octokit,
    "GET /repos/{owner}/{repo}",
    { owner: client.owner, repo: client.repo },
    repositorySchema,
  );
  return {
    owner: data.owner.login,
    name: data.name,
    fullName: data.full_name,
    htmlUrl: data.html_url,
    defaultBranch: data.default_branch,
  };
}

export async function getBranch(client: GiteaClient, branch: string): Promise<GiteaBranch> {
  const { data } = await send(
    client.octokit,
    "GET /repos/{owner}/{repo}/branches/{branch}",
    { owner: client.owner, repo: client.repo, branch },
    branchSchema,
  );
  return { name: data.name, commitSha: data.commit.id };
}

/**
 * One commit by sha. Gitea serves it at `/git/commits/{sha}`: its `/commits/*` routes only match
 * `/status`, `/statuses` and `/pull`, so Octokit's `repos.getCommit` gets 404. A branch name
 * is not accepted here (422); resolve it with `getBranch` first.
 */
export async function getCommit(client: GiteaClient, sha: string): Promise<GiteaCommit> {
  const { data } = await send(
    client.octokit,
    "GET /repos/{owner}/{repo}/git/commits/{sha}",
    // Without stat/files/verification Gitea skips the expensive diff work.
    { owner: client.owner, repo: client.repo, sha, stat: false, files: false, verification: false },
    commitSchema,
  );
  return {
    sha: data.sha,
    message: data.commit.message,
    parents: data.parents.map((parent) => parent.sha),
    htmlUrl: data.html_url,
  };
}
