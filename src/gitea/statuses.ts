/** Commit statuses. */
import { type GiteaClient, send } from "./client.js";
import { commitStatusSchema } from "./schema.js";
import type { CommitState, GiteaCommitStatus } from "./types.js";

export interface NewCommitStatus {
  state: CommitState;
  context: string;
  description: string;
  targetUrl?: string;
}

/**
 * Sets a status on a commit (a new one with the same `context` supersedes the old). The
 * description is sent as given (Gitea's column is TEXT): the caller keeps it short.
 * Gitea's answer names the state `status`; it is mapped back to `state`. Unknown sha: 500.
 */
export async function createCommitStatus(
  client: GiteaClient,
  sha: string,
  status: NewCommitStatus,
): Promise<GiteaCommitStatus> {
  const { data } = await send(
    client.octokit,
    "POST /repos/{owner}/{repo}/statuses/{sha}",
    {
      owner: client.owner,
      repo: client.repo,
      sha,
      state: status.state,
      context: status.context,
      description: status.description,
      ...(status.targetUrl === undefined ? {} : { target_url: status.targetUrl }),
    },
    commitStatusSchema,
  );
  return {
    id: data.id,
    state: data.status,
    context: data.context,
    description: data.description,
    targetUrl: data.target_url,
  };
}
