/**
 * Text from the document is untrusted (§3.2). Before it goes into an issue it must not be able to
 * end the managed block, forge a `deferbot:` or `step:` marker, open a raw HTML comment or an HTML
 * block that swallows the rest of the block, add checkboxes to Gitea's checklist counter, or
 * notify people by `@name` unless the repository allows mentions, or reference other issues
 * (`#12`, `!3`, `owner/repo#4`) unless the repository allows references.
 *
 * The neutraliser is a zero-width joiner (U+200D) put inside the dangerous sequence: `<‍!--` and
 * `-‍->` read the same but are no longer comment delimiters, and `@‍name` reads as `@name` but is
 * no mention (Gitea's mention pattern needs a word character right after `@`). Likewise `#‍12`:
 * Gitea's reference patterns (modules/references/references.go) need a digit right after `#` or
 * `!`. Gitea looks for references in the text of code spans too (its Markdown stripper keeps
 * them), so references are neutralised inside code spans as well; fenced code it skips.
 */

export const ZWJ = "\u200D";

export interface UntrustedOptions {
  /** Leave `@name` as it is (configuration `mentions: true`). */
  mentions: boolean;
  /** Leave `#12`, `!3`, `owner/repo#4` live (configuration `references: true`); default inert. */
  references?: boolean;
}

/** The options a repository's configuration asks for. */
export function untrustedOptions(config: {
  mentions: boolean;
  references: boolean;
}): UntrustedOptions {
  return { mentions: config.mentions, references: config.references };
}

/** One line of inline Markdown: neutralised, newlines folded to spaces. */
export function inlineText(text: string, options: UntrustedOptions): string {
  // Every line terminator, U+2028/U+2029/NEL included: a step must stay one line to be read back.
  const oneLine = text.replace(/[\s\u0085]*[\r\n\u2028\u2029\u0085][\s\u0085]*/g, " ").trim();
  return neutraliseLine(oneLine, options);
}

/** A table cell: inline text with `|` escaped so it cannot split the cell. */
export function tableCell(text: string, options: UntrustedOptions): string {
  return inlineText(text, options).replaceAll("|", "\\|");
}

/**
 * Block Markdown (a field value, a step's nested content): neutralised line by line, task-list
 * items turned into plain bullets, and a code fence left open closed at its end so it cannot run
 * on over the rest of the block.
 */
export function blockText(text: string, options: UntrustedOptions): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const out: string[] = [];
  let fence: { char: string; length: number; indent: string } | null = null;
  for (const line of lines) {
    const plain = withoutTaskBox(line);
    const fenceMatch = /^(\s*)(`{3,}|~{3,})(.*)$/.exec(plain);
    if (fence) {
      out.push(neutraliseHtml(plain));
      if (fenceMatch && closesFence(fenceMatch, fence)) fence = null;
      continue;
    }
    if (fenceMatch?.[2] && !(fenceMatch[2][0] === "`" && fenceMatch[3]?.includes("`"))) {
      const marks = fenceMatch[2];
      fence = { char: marks[0] ?? "`", length: marks.length, indent: fenceMatch[1] ?? "" };
      out.push(neutraliseHtml(plain));
      continue;
    }
    out.push(neutraliseLine(plain, options));
  }
  if (fence) out.push(`${fence.indent}${fence.char.repeat(fence.length)}`);
  return out.join("\n");
}

function closesFence(match: RegExpExecArray, fence: { char: string; length: number }): boolean {
  const marks = match[2] ?? "";
  return marks[0] === fence.char && marks.length >= fence.length && (match[3] ?? "").trim() === "";
}

/**
 * `- [ ] x` → `- x`. Gitea counts every line that looks like `- [ ] x` or `* [x] x` towards the
 * checklist progress, nested, quoted or inside fenced code (models/issues/issue.go), so only the
 * bot's own top-level steps may carry a box.
 */
export function withoutTaskBox(line: string): string {
  return line.replace(/^(\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])[ \t]+)\[[ xX]\](?:[ \t]+|$)/, "$1");
}

/** HTML comment and HTML-block openers and comment closers, made inert. */
export function neutraliseHtml(text: string): string {
  return text
    .replace(/<(?=!|\?|(?:script|pre|style|textarea)(?![\w-]))/gi, `<${ZWJ}`)
    .replace(/-->/g, `-${ZWJ}->`);
}

/** HTML and references neutralised everywhere; mentions outside code spans (Gitea ignores those). */
function neutraliseLine(line: string, options: UntrustedOptions): string {
  const html = neutraliseHtml(line);
  const safe = options.references ? html : neutraliseReferences(html);
  if (options.mentions) return safe;
  return mapOutsideCodeSpans(safe, neutraliseMentions);
}

/** `#12`, `!3`, `owner/repo#4` → a zero-width joiner between the sign and the number. */
export function neutraliseReferences(text: string): string {
  return text.replace(/([#!])(?=[0-9])/g, `$1${ZWJ}`);
}

export function neutraliseMentions(text: string): string {
  return text.replace(/(^|[^\p{L}\p{N}_.+\-@/])@(?=[\p{L}\p{N}_-])/gu, `$1@${ZWJ}`);
}

/** Applies `fn` to the parts of a line outside backtick code spans. */
function mapOutsideCodeSpans(line: string, fn: (text: string) => string): string {
  let out = "";
  let rest = line;
  for (;;) {
    const open = /`+/.exec(rest);
    if (!open) return out + fn(rest);
    const ticks = open[0];
    const afterOpen = open.index + ticks.length;
    const closeRe = new RegExp(`(?<!\`)${ticks}(?!\`)`, "g");
    closeRe.lastIndex = afterOpen;
    const close = closeRe.exec(rest);
    if (!close) return out + fn(rest);
    out += fn(rest.slice(0, open.index)) + rest.slice(open.index, close.index + ticks.length);
    rest = rest.slice(close.index + ticks.length);
  }
}

/** A code span holding `text` literally, whatever backticks it contains. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
  const ticks = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** Untrusted text as one code span on one line (nothing in code mentions or opens a comment). */
export function inlineCode(text: string): string {
  return codeSpan(neutraliseHtml(text.replace(/\s+/g, " ")));
}
