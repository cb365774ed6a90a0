/** Issue comments. */
import * as z from "../zod.js";
import { type GiteaClient, send } from "./client.js";
import { commentSchema } from "./schema.js";
import type { GiteaComment } from "./types.js";

/** Comments on an issue. Gitea's list is unpaginated (no page/limit, no Link): one call. */
export async function listComments(client: GiteaClient, number: number): Promise<GiteaComment[]> {
  const { data } = await send(
    client.octokit,
    "GET /repos/{owner}/{repo}/issues/{index}/comments",
    { owner: client.owner, repo: client.repo, index: number },
    z.array(commentSchema),
  );
  return data;
}

/** Comments on an issue (never retried). Gitea answers 500, not 404, for an unknown issue. */
export async function createComment(
  client: GiteaClient,
  number: number,
  body: string,
): Promise<GiteaComment> {
  const { data } = await send(
    client.octokit,
    "POST /repos/{owner}/{repo}/issues/{index}/comments",
    { owner: client.owner, repo: client.repo, index: number, body },
    commentSchema,
  );
  return data;
}

/** Edits a comment by its ID (repo-wide route; answers 200). */
export async function updateComment(
  client: GiteaClient,
  commentId: number,
  body: string,
): Promise<GiteaComment> {
  const { data } = await send(
    client.octokit,
    "PATCH /repos/{owner}/{repo}/issues/comments/{id}",
    { owner: client.owner, repo: client.repo, id: commentId, body },
    commentSchema,
  );
  return data;
}
