/** Small Markdown pieces the replies share. Anything from the document or a comment is neutralised. */
import { commitFileUrl, commitUrl } from "../core/issue/links.js";
import { codeSpan, inlineText, neutraliseHtml, untrustedOptions } from "../core/issue/untrusted.js";
import type { CommandContext } from "./context.js";
import { shortSha } from "./context.js";

/** Text a person or the document wrote, as inline Markdown that mentions, references and closes nothing (unless the config allows). */
export function untrusted(ctx: CommandContext, text: string): string {
  return inlineText(text, untrustedOptions(ctx.config));
}

/** A code span of untrusted text (mentions in code notify nobody). */
export function code(text: string): string {
  return codeSpan(neutraliseHtml(text.replace(/\s+/g, " ")));
}

export function commitLink(ctx: CommandContext, sha: string): string {
  return `[${shortSha(sha)}](${commitUrl(ctx.payload.repository.html_url, sha)})`;
}

export function documentName(ctx: CommandContext): string {
  return code(ctx.config.document);
}

/** `docs/deferred-errors.md` lines a–b at a commit, linked. */
export function linesLink(
  ctx: CommandContext,
  sha: string,
  startLine: number,
  endLine: number,
): string {
  const url = commitFileUrl(
    ctx.payload.repository.html_url,
    sha,
    ctx.config.document,
    startLine,
    endLine,
  );
  const lines = startLine === endLine ? `line ${startLine}` : `lines ${startLine}–${endLine}`;
  return `[${lines}](${url})`;
}
