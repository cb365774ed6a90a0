/** Commit statuses. */
import { type GiteaClient, send } from "./client.js";
import { commitStatusSchema } from "./schema.js";
import type { CommitState, GiteaCommitStatus } from "./types.js";

/** Longer descriptions are cut with `…` (GitHub's limit is 140; Gitea's column is TEXT). */
export const STATUS_DESCRIPTION_MAX = 140;

export interface NewCommitStatus {
  state: CommitState;
  context: string;
  description: string;
  targetUrl?: string;
}

function cut(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

/**
 * Sets a status on a commit (a new one with the same `context` supersedes the old).
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
      description: cut(status.description, STATUS_DESCRIPTION_MAX),
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
