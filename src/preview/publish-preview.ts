/**
 * The preview's two writes on a pull request (SPEC §4): its one comment, found again by the
 * `kind=preview` marker and the bot's login (not by commit: every push edits the same comment),
 * written only when its text changes; then the `deferbot/preview` status on the head commit,
 * linking to the comment. A PR that never touched the document gets no comment, only the status.
 */
import { findBotComment } from "../core/issue/comment-marker.js";
import { PREVIEW_STATUS_CONTEXT } from "../core/preview/describe-preview-status.js";
import type { Comment, Forge } from "../port/forge.js";
import type { PullPreview } from "./build-pull-preview.js";

export type CommentWrite = "created" | "edited" | "unchanged" | "none";

export interface Published {
  comment: CommentWrite;
  /** The preview comment's web address, when there is one. */
  commentUrl: string | null;
}

export async function publishPreview(
  forge: Forge,
  botLogin: string,
  built: PullPreview,
): Promise<Published> {
  const { number, headSha } = built.pull;
  const existing = findBotComment(await forge.listComments(number), { kind: "preview" }, botLogin);
  const written = await writeComment(forge, number, existing, built);
  await forge.setStatus(headSha, {
    context: PREVIEW_STATUS_CONTEXT,
    state: built.status.state,
    description: built.status.description,
    ...(written.commentUrl === null ? {} : { targetUrl: written.commentUrl }),
  });
  return written;
}

async function writeComment(
  forge: Forge,
  number: number,
  existing: Comment | undefined,
  built: PullPreview,
): Promise<Published> {
  if (!existing) {
    if (built.preview === null) return { comment: "none", commentUrl: null };
    const created = await forge.comment(number, built.comment);
    return { comment: "created", commentUrl: created.htmlUrl };
  }
  if (existing.body === built.comment)
    return { comment: "unchanged", commentUrl: existing.htmlUrl };
  await forge.updateComment(existing.id, built.comment);
  return { comment: "edited", commentUrl: existing.htmlUrl };
}
