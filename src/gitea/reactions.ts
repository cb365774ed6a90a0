/** Reactions, used to acknowledge a comment command. */
import type { Reaction } from "../port/forge.js";
import { type GiteaClient, send } from "./client.js";
import { ignoredBody } from "./schema.js";

/** `[ui] REACTIONS` defaults (the port's `Reaction`); anything else answers 403. */
export type GiteaReaction = Reaction;

/**
 * Reacts to a comment. Gitea answers 201 for a new reaction and 200 when the user already
 * reacted so: both are success. (The answer has no reaction `id`, and reactions fire no webhook.)
 */
export async function createCommentReaction(
  client: GiteaClient,
  commentId: number,
  content: GiteaReaction,
): Promise<{ created: boolean }> {
  const { status } = await send(
    client.octokit,
    "POST /repos/{owner}/{repo}/issues/comments/{id}/reactions",
    { owner: client.owner, repo: client.repo, id: commentId, content },
    ignoredBody,
  );
  return { created: status === 201 };
}
