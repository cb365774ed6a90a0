/** The comments the planner asks for (§3.4, §3.1), each starting with its comment marker (§3.2). */
import type { RepoConfig } from "../config/repo-config.js";
import { type CommentMark, markedComment } from "../issue/comment-marker.js";
import { inlineText, neutraliseHtml, untrustedOptions } from "../issue/untrusted.js";

export interface PlannedText {
  mark: CommentMark;
  comment: string;
}

type Config = Pick<RepoConfig, "document" | "mentions" | "references">;

export function removedComment(findingId: string, sha: string, config: Config): PlannedText {
  const mark: CommentMark = { kind: "removed", finding: findingId, sha };
  return { mark, comment: markedComment(mark, `Removed from ${path(config)} in ${sha}.`) };
}

export function reopenedComment(findingId: string, sha: string, config: Config): PlannedText {
  const mark: CommentMark = { kind: "reopened", finding: findingId, sha };
  const text = `${id(findingId, config)} is back in ${path(config)} at ${sha}. Reopening.`;
  return { mark, comment: markedComment(mark, text) };
}

export function twinComment(findingId: string, keptNumber: number, config: Config): PlannedText {
  const mark: CommentMark = { kind: "twin", finding: findingId };
  const text = `Duplicate of #${keptNumber}, which tracks ${id(findingId, config)}. Closing this one.`;
  return { mark, comment: markedComment(mark, text) };
}

export interface MarkerConflict {
  /** The finding the state line names, which the issue stays with. */
  state: string;
  /** The ID of the block's hidden marker. */
  marker: string | null;
  /** The ID the title starts with. */
  title: string | null;
}

export function conflictComment(conflict: MarkerConflict, config: Config): PlannedText {
  const mark: CommentMark = { kind: "conflict", finding: conflict.state };
  const named = [
    `the hidden marker names ${conflict.marker === null ? "no finding" : id(conflict.marker, config)}`,
    ...(conflict.title === null ? [] : [`the title ${id(conflict.title, config)}`]),
    `the state line ${id(conflict.state, config)}`,
  ];
  const text = [
    `This issue's identity disagrees with itself: ${named.join(", ")}.`,
    `deferbot keeps it with ${id(conflict.state, config)} and writes nothing to it until the marker names ${id(conflict.state, config)} again;`,
    "no issue of another finding is closed or changed because of it.",
  ].join(" ");
  return { mark, comment: markedComment(mark, text) };
}

function id(findingId: string, config: Config): string {
  return inlineText(findingId, untrustedOptions(config));
}

function path(config: Config): string {
  return neutraliseHtml(config.document);
}
