/**
 * The headings of a document, found line by line outside fenced code and HTML comments,
 * without parsing the whole document (remark's whole-document parse is quadratic in the
 * number of lists; each section is parsed on its own later).
 */

export interface HeadingLine {
  /** 1 to 6. */
  level: number;
  /** 1-based line where the heading starts (the text line of a setext heading). */
  line: number;
  /** 1-based last line of the heading (the underline of a setext heading). */
  endLine: number;
  /** The heading's inline text as written, without `#` marks or underline. */
  text: string;
}

interface Fence {
  char: string;
  length: number;
  /** 1-based line of the opening fence. */
  line: number;
  /**
   * Set when the fence sits in a list item or block quote: code cannot continue lazily, so the
   * first line outside that container ends the block even without a closing fence (CommonMark).
   */
  container: { quoted: boolean; indent: number } | null;
  /** ATX headings inside the block, reported when the block is never closed. */
  swallowed: HeadingLine[];
}

export interface HeadingScan {
  headings: HeadingLine[];
  /** A fence still open at the end of the document, with the headings it hides. */
  unclosedFence: { line: number; swallowed: HeadingLine[] } | null;
}

const ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE_OPEN = /^(?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})[ \t]*$/;
const CONTAINER_START = /^ {0,3}(?:>|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))/;
const QUOTED = /^ {0,3}>/;
const LIST_MARKER_BEFORE_FENCE = /(?:[-*+]|\d{1,9}[.)])[ \t]+$/;
const HTML_COMMENT_OPEN = /^ {0,3}<!--/;

export function scanHeadings(lines: readonly string[]): HeadingScan {
  const headings: HeadingLine[] = [];
  let fence: Fence | null = null;
  let inComment = false;
  /** Index of the first line of the open paragraph that could become a setext heading, -1 for none. */
  let paragraphStart = -1;
  /** Inside a list item or block quote until a blank line: its lines cannot start a setext heading. */
  let inContainer = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (fence && !leavesContainer(fence, line)) {
      const close = FENCE_CLOSE.exec(line);
      const marker = close?.[1];
      if (marker && marker[0] === fence.char && marker.length >= fence.length) fence = null;
      else {
        const atx = ATX.exec(line);
        if (atx) fence.swallowed.push(atxHeading(atx, i));
      }
      continue;
    }
    fence = null;
    if (inComment) {
      if (line.includes("-->")) inComment = false;
      continue;
    }
    if (line.trim() === "") {
      paragraphStart = -1;
      inContainer = false;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    const openMarker = open?.[1];
    if (openMarker && !(openMarker[0] === "`" && (open?.[2] ?? "").includes("`"))) {
      fence = {
        char: openMarker[0] ?? "`",
        length: openMarker.length,
        line: i + 1,
        container: fenceContainer(line, openMarker, inContainer),
        swallowed: [],
      };
      paragraphStart = -1;
      continue;
    }
    if (HTML_COMMENT_OPEN.test(line)) {
      if (!line.slice(line.indexOf("<!--") + 4).includes("-->")) inComment = true;
      paragraphStart = -1;
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      headings.push(atxHeading(atx, i));
      paragraphStart = -1;
      inContainer = false;
      continue;
    }
    const underline = SETEXT_UNDERLINE.exec(line);
    if (underline && paragraphStart >= 0 && !inContainer) {
      headings.push({
        level: underline[1]?.startsWith("=") ? 1 : 2,
        line: paragraphStart + 1,
        endLine: i + 1,
        text: lines
          .slice(paragraphStart, i)
          .map((l) => l.trim())
          .join(" "),
      });
      paragraphStart = -1;
      continue;
    }
    if (THEMATIC_BREAK.test(line)) {
      paragraphStart = -1;
      inContainer = false;
      continue;
    }
    if (CONTAINER_START.test(line)) {
      inContainer = true;
      paragraphStart = -1;
      continue;
    }
    if (paragraphStart < 0 && !inContainer && !/^(?: {4}|\t)/.test(line)) paragraphStart = i;
  }
  return {
    headings,
    unclosedFence: fence ? { line: fence.line, swallowed: fence.swallowed } : null,
  };
}

function atxHeading(atx: RegExpExecArray, index: number): HeadingLine {
  return {
    level: atx[1]?.length ?? 1,
    line: index + 1,
    endLine: index + 1,
    text: stripClosingHashes(atx[2] ?? ""),
  };
}

/**
 * The container a fence opens in: a block quote (`>` before it), or a list item (a list marker
 * before it on the line, or an indented fence right under a list item's text). A top-level fence
 * indented one space or less has none.
 */
function fenceContainer(line: string, marker: string, underListItem: boolean): Fence["container"] {
  const before = line.slice(0, line.indexOf(marker));
  const quoted = QUOTED.test(line);
  const indent = widthOf(before.replace(/^(?:[ \t]*>)+/, ""));
  const listed = LIST_MARKER_BEFORE_FENCE.test(before) || (underListItem && indent >= 2);
  if (!quoted && !listed && indent < 2) return null;
  return { quoted, indent: listed || !quoted ? indent : 0 };
}

/** Whether a non-blank line lies outside the fence's container, which ends the code block. */
function leavesContainer(fence: Fence, line: string): boolean {
  const container = fence.container;
  if (!container || line.trim() === "") return false;
  if (container.quoted && !QUOTED.test(line)) return true;
  const rest = container.quoted ? line.replace(/^(?:[ \t]*>)+[ ]?/, "") : line;
  return widthOf(/^[ \t]*/.exec(rest)?.[0] ?? "") < container.indent;
}

/** Columns of leading white space (tab stops of 4). */
function widthOf(space: string): number {
  let width = 0;
  for (const char of space) width = char === "\t" ? width + 4 - (width % 4) : width + 1;
  return width;
}

function stripClosingHashes(text: string): string {
  const trimmed = text.trim();
  if (/^#+$/.test(trimmed)) return "";
  return trimmed.replace(/[ \t]+#+$/, "").trim();
}
