/**
 * A bot comment posted at most once (SPEC §3.2 comment markers): on an issue that has comments,
 * its comments are read once and the comment is skipped when the bot's one with the same marker
 * is there — posted by a sync that crashed, or whose answer was lost.
 */
import { type CommentMark, findBotComment } from "../core/issue/comment-marker.js";
import type { Forge } from "../port/forge.js";

export interface PostOnce {
  forge: Forge;
  botLogin: string;
  number: number;
  /** The comment count from the listing; unknown reads the comments. */
  comments: number | undefined;
  mark: CommentMark;
  comment: string;
}

/** Whether the comment was posted (false: the bot's one was there already). */
export async function postOnce(post: PostOnce): Promise<boolean> {
  if (post.comments !== 0) {
    const existing = await post.forge.listComments(post.number);
    if (findBotComment(existing, post.mark, post.botLogin)) return false;
  }
  await post.forge.comment(post.number, post.comment);
  return true;
}

/** Where a sync posts from: the forge, its login, and the listing's comment counts. */
export interface PostingContext {
  forge: Forge;
  botLogin: string;
  commentCounts?: ReadonlyMap<number, number> | undefined;
}

/** A planned comment (an action's or the plan's own) as `postOnce` takes it. */
export function plannedPost(
  context: PostingContext,
  planned: { number: number; comment: string; mark: CommentMark },
): PostOnce {
  return {
    forge: context.forge,
    botLogin: context.botLogin,
    number: planned.number,
    comments: context.commentCounts?.get(planned.number),
    mark: planned.mark,
    comment: planned.comment,
  };
}
