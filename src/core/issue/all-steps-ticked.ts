import type { RepoConfig } from "../config/repo-config.js";
import { type CommentMark, markedComment } from "./comment-marker.js";
import type { ParsedBody } from "./types.js";
import { inlineCode as code, inlineText, untrustedOptions } from "./untrusted.js";

/** True when the block has at least one step and every step is ticked. */
export function allStepsTicked(parsed: ParsedBody): boolean {
  return parsed.steps.length > 0 && parsed.steps.every((step) => step.checked);
}

/**
 * The review flow's comment (SPEC §4) when every step of `findingId`'s issue is ticked, with its
 * marker (`kind=all-ticked`, the finding): the bot suggests `resolve`, once per issue.
 */
export function allTickedComment(
  findingId: string,
  stepCount: number,
  config: Pick<RepoConfig, "commandPrefix" | "document" | "mentions" | "references">,
): { mark: CommentMark; comment: string } {
  const mark: CommentMark = { kind: "all-ticked", finding: findingId };
  const id = inlineText(findingId, untrustedOptions(config));
  const text = [
    `All ${stepCount} steps of ${id} are ticked.`,
    `If the finding is fixed, comment ${code(`${config.commandPrefix} resolve`)}: I will open a pull request that removes it from ${code(config.document)}, and merging it closes this issue.`,
  ].join(" ");
  return { mark, comment: markedComment(mark, text) };
}
