/**
 * Comment markers (§3.2): every comment the bot writes starts with one hidden line,
 * `<!-- deferbot:comment kind=KIND finding=ID sha=SHA -->`, so the bot can find its own comment
 * again — not post a removal twice after a lost answer, edit its preview instead of adding one.
 * `finding` and `sha` are there where they apply. Values are percent-encoded as the block's start
 * marker encodes IDs, so no ID can end the comment early or forge another key.
 */
import { decodeMarkerId, encodeMarkerId } from "./markers.js";

export const COMMENT_KINDS = [
  "removed",
  "reopened",
  "twin",
  "changed",
  "all-ticked",
  "conflict",
  "preview",
  "reply",
] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

export interface CommentMark {
  kind: CommentKind;
  finding?: string;
  sha?: string;
}

export function commentMarker(mark: CommentMark): string {
  const parts = [`kind=${mark.kind}`];
  if (mark.finding !== undefined) parts.push(`finding=${encodeMarkerId(mark.finding)}`);
  if (mark.sha !== undefined) parts.push(`sha=${encodeMarkerId(mark.sha)}`);
  return `<!-- deferbot:comment ${parts.join(" ")} -->`;
}

/** The comment as the bot posts it: its marker on the first line, then the text. */
export function markedComment(mark: CommentMark, text: string): string {
  return `${commentMarker(mark)}\n${text}`;
}

const MARKER_RE = /^[ \t]*<!--[ \t]*deferbot:comment((?:[ \t]+[a-z]+=[^\s>]*)+)[ \t]*-->/;

/** The marker a comment starts with, or null. A marker further down was quoted, not written by the bot. */
export function readCommentMarker(body: string): CommentMark | null {
  const m = MARKER_RE.exec(body.replace(/^\uFEFF/, ""));
  if (!m) return null;
  const values = new Map<string, string>();
  for (const pair of (m[1] ?? "").trim().split(/[ \t]+/)) {
    const at = pair.indexOf("=");
    values.set(pair.slice(0, at), decodeMarkerId(pair.slice(at + 1)));
  }
  const kind = values.get("kind");
  if (!isKind(kind)) return null;
  const finding = values.get("finding");
  const sha = values.get("sha");
  return {
    kind,
    ...(finding === undefined ? {} : { finding }),
    ...(sha === undefined ? {} : { sha }),
  };
}

export interface CommentLike {
  body: string;
  /** Login of the comment's author. */
  author: string;
}

/**
 * The newest of `comments` (oldest first, as Gitea lists them) that the bot wrote with a marker of
 * `mark`'s kind, and of its finding and commit where `mark` names them; undefined when none.
 * Only the bot's own comments count: a person who pastes a marker proves nothing.
 */
export function findBotComment<C extends CommentLike>(
  comments: readonly C[],
  mark: CommentMark,
  botLogin: string,
): C | undefined {
  const bot = botLogin.toLowerCase();
  for (let i = comments.length - 1; i >= 0; i--) {
    const comment = comments[i] as C;
    if (comment.author.toLowerCase() !== bot) continue;
    const found = readCommentMarker(comment.body);
    if (!found || found.kind !== mark.kind) continue;
    if (mark.finding !== undefined && found.finding !== mark.finding) continue;
    if (mark.sha !== undefined && found.sha !== mark.sha) continue;
    return comment;
  }
  return undefined;
}

function isKind(value: string | undefined): value is CommentKind {
  return (COMMENT_KINDS as readonly string[]).includes(value ?? "");
}
