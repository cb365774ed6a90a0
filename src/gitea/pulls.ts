/** Pull requests (for proposing a document change). */
import type * as z from "../zod.js";
import { type GiteaClient, send, sendAllPages } from "./client.js";
import { GiteaError } from "./errors.js";
import { pullRequestDetailSchema, pullRequestSchema } from "./schema.js";
import type { GiteaPullRequest, GiteaPullRequestDetail } from "./types.js";

type PullData = z.output<typeof pullRequestSchema>;

function toPull(data: PullData): GiteaPullRequest {
  return {
    number: data.number,
    title: data.title,
    state: data.state,
    htmlUrl: data.html_url,
    head: data.head.ref,
    base: data.base.ref,
  };
}

/** Pull requests in `state` (default open), all pages (Gitea: `page`+`limit`, max 50). */
export async function listPullRequests(
  client: GiteaClient,
  state: "open" | "closed" | "all" = "open",
): Promise<GiteaPullRequest[]> {
  const pulls = await sendAllPages(
    client.octokit,
    "GET /repos/{owner}/{repo}/pulls",
    { owner: client.owner, repo: client.repo, state },
    pullRequestSchema,
  );
  return pulls.map(toPull);
}

export interface NewPullRequest {
  head: string;
  base: string;
  title: string;
  body: string;
}

/**
 * Opens a pull request, or returns the open one for the same head and base: Gitea answers
 * 409 when it already exists (GitHub answers 422). `created` says which.
 */
export async function createPullRequest(
  client: GiteaClient,
  pull: NewPullRequest,
): Promise<{ pull: GiteaPullRequest; created: boolean }> {
  try {
    const { data } = await send(
      client.octokit,
      "POST /repos/{owner}/{repo}/pulls",
      { owner: client.owner, repo: client.repo, ...pull },
      pullRequestSchema,
    );
    return { pull: toPull(data), created: true };
  } catch (error) {
    if (!(error instanceof GiteaError) || error.status !== 409) throw error;
    const open = await listPullRequests(client, "open");
    const existing = open.find((p) => p.head === pull.head && p.base === pull.base);
    if (!existing) throw error;
    return { pull: existing, created: false };
  }
}

/** One pull request by its index, with its head commit and merge base. */
export async function getPullRequest(
  client: GiteaClient,
  number: number,
): Promise<GiteaPullRequestDetail> {
  const { data } = await send(
    client.octokit,
    "GET /repos/{owner}/{repo}/pulls/{index}",
    { owner: client.owner, repo: client.repo, index: number },
    pullRequestDetailSchema,
  );
  return { ...toPull(data), headSha: data.head.sha, mergeBase: data.merge_base };
}
