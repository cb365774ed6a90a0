/** Repository, branch and commit reads. */
import { type GiteaClient, send } from "./client.js";
import { branchSchema, commitSchema, repositorySchema } from "./schema.js";
import type { GiteaBranch, GiteaRepo } from "./types.js";

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
 * The default branch's head in one request that needs no branch name: `git/commits/HEAD`.
 * Gitea resolves the ref with `git cat-file`, and keeps the repository's `HEAD` on the default
 * branch (it moves it when the default branch changes), so it can go out beside the repository's
 * read instead of after it.
 */
export async function getDefaultBranchHead(client: GiteaClient): Promise<string> {
  return (await getCommit(client, "HEAD")).sha;
}

/** Whether `sha` names a commit of the repository (`--ref` with an unknown SHA). */
export async function getCommit(client: GiteaClient, sha: string): Promise<{ sha: string }> {
  const { data } = await send(
    client.octokit,
    "GET /repos/{owner}/{repo}/git/commits/{sha}",
    { owner: client.owner, repo: client.repo, sha, stat: false, verification: false, files: false },
    commitSchema,
  );
  return { sha: data.sha };
}
