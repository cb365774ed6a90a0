/**
 * The headings of a document, found line by line with CommonMark's block structure (block
 * quotes, list items, fenced and indented code, HTML blocks, paragraphs, GFM tables) but
 * without parsing inline content or building a tree: remark's whole-document parse is quadratic
 * in the number of lists, and each section is parsed on its own later. Only headings outside
 * every container are headings of the document.
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

/** A code fence or HTML block still open at the end of the document. */
export interface OpenBlock {
  /** 1-based line of its opener. */
  line: number;
  /** Lines inside it that would be ATX headings without it. */
  swallowed: HeadingLine[];
}

export interface HeadingScan {
  headings: HeadingLine[];
  unclosedFence: OpenBlock | null;
  unclosedHtml: OpenBlock | null;
  /**
   * HTML blocks that end at a blank line (`<div>`, any lone tag) with ATX heading lines before
   * that blank line, which CommonMark reads as HTML.
   */
  headingsInHtml: OpenBlock[];
  /** Set when containers nest deeper than `MAX_NESTING`: the scan stopped at this line. */
  tooDeepAt: number | null;
}

/** Deepest nesting of block quotes and list items read (SPEC §4). */
export const MAX_NESTING = 64;

type Container = { kind: "quote" } | { kind: "item"; indent: number; hasChild: boolean };

type Leaf =
  | {
      kind: "paragraph";
      start: number;
      lines: number;
      topLevel: boolean;
      lastLine: string;
      /** Every line so far a link reference definition (read after the containers' marks). */
      definitionsOnly: boolean;
    }
  | { kind: "table" }
  /** `interrupts`: started on a line that closed no container (see `interrupting` below). */
  | { kind: "indented"; interrupts: boolean }
  | { kind: "fence"; char: string; length: number; open: OpenBlock | null }
  | { kind: "html"; end: RegExp | null; open: OpenBlock | null };

const ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$/;
const ATX_START = /^#{1,6}(?:[ \t]|$)/;
const SETEXT_UNDERLINE = /^(?:=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const LIST_MARKER_START = /^[-*+0-9]$/;
const BULLET = /^([-*+])(?=[ \t]|$)/;
const ORDERED = /^(\d{1,9})([.)])(?=[ \t]|$)/;
/** A link reference definition on one line (`[x]: /url "title"`). */
const DEFINITION =
  /^ {0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*(?:<[^>]*>|\S+)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*$/;
const TABLE_DELIMITER = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

const BLOCK_NAMES =
  "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul";
const ATTRIBUTE = `\\s+[a-zA-Z_:][a-zA-Z0-9_.:-]*(?:\\s*=\\s*(?:[^"'=<>\`\\s]+|'[^']*'|"[^"]*"))?`;

/** CommonMark's seven HTML block kinds: how each starts and what ends it (null: a blank line). */
interface HtmlBlockKind {
  start: RegExp;
  end: RegExp | null;
  interruptsParagraph: boolean;
}
const HTML_BLOCKS: HtmlBlockKind[] = [
  {
    start: /^<(?:pre|script|style|textarea)(?:[ \t>]|$)/i,
    end: /<\/(?:pre|script|style|textarea)>/i,
    interruptsParagraph: true,
  },
  { start: /^<!--/, end: /-->/, interruptsParagraph: true },
  { start: /^<\?/, end: /\?>/, interruptsParagraph: true },
  { start: /^<![A-Za-z]/, end: />/, interruptsParagraph: true },
  { start: /^<!\[CDATA\[/, end: /\]\]>/, interruptsParagraph: true },
  {
    start: new RegExp(`^</?(?:${BLOCK_NAMES})(?:[ \\t]|/?>|$)`, "i"),
    end: null,
    interruptsParagraph: true,
  },
  {
    start: new RegExp(
      `^(?:<[A-Za-z][A-Za-z0-9-]*(?:${ATTRIBUTE})*\\s*/?>|</[A-Za-z][A-Za-z0-9-]*\\s*>)[ \\t]*$`,
    ),
    end: null,
    interruptsParagraph: false,
  },
];

function continueParagraph(paragraph: Extract<Leaf, { kind: "paragraph" }>, text: string): void {
  paragraph.lines++;
  paragraph.lastLine = text;
  paragraph.definitionsOnly &&= DEFINITION.test(text);
}

export function scanHeadings(lines: readonly string[]): HeadingScan {
  const headings: HeadingLine[] = [];
  const headingsInHtml: OpenBlock[] = [];
  const containers: Container[] = [];
  // Assigned in closures below too, so it must not be narrowed to its initial null.
  let leaf = null as Leaf | null;
  // The line's state the closures below share: how many open containers it continues, and
  // whether the others were closed yet. They are made once, not once per line.
  let matched = 0;
  let closedUnmatched = true;
  const closeUnmatched = () => {
    if (closedUnmatched) return;
    containers.length = matched;
    leaf = null;
    closedUnmatched = true;
  };
  const addContainer = (container: Container) => {
    closeUnmatched();
    markChild(containers);
    containers.push(container);
    matched = containers.length;
    leaf = null;
  };
  const startLeaf = (next: Leaf | null) => {
    closeUnmatched();
    markChild(containers);
    leaf = next;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const line = raw.includes("\t") ? expandTabs(raw) : raw;
    let pos = 0;

    matched = 0;
    for (; matched < containers.length; matched++) {
      const container = containers[matched] as Container;
      const next = nextNonSpace(line, pos);
      if (container.kind === "quote") {
        if (next - pos > 3 || line[next] !== ">") break;
        pos = line[next + 1] === " " ? next + 2 : next + 1;
      } else if (next >= line.length) {
        if (!container.hasChild) break;
        pos = next;
      } else if (next - pos >= container.indent) pos += container.indent;
      else break;
    }
    const allMatched = matched === containers.length;

    if (allMatched && leaf && (leaf.kind === "fence" || leaf.kind === "html")) {
      const rest = line.slice(pos);
      if (leaf.kind === "fence") {
        const marker = FENCE_CLOSE.exec(rest)?.[1];
        if (marker && marker[0] === leaf.char && marker.length >= leaf.length) leaf = null;
        else noteSwallowed(leaf.open, raw, i);
      } else if (leaf.end === null) {
        if (rest.trim() !== "") noteSwallowed(leaf.open, raw, i);
        else {
          if (leaf.open && leaf.open.swallowed.length > 0) headingsInHtml.push(leaf.open);
          leaf = null;
        }
      } else if (leaf.end.test(rest)) leaf = null;
      else noteSwallowed(leaf.open, raw, i);
      continue;
    }

    const inParagraph: boolean = allMatched && leaf?.kind === "paragraph";
    closedUnmatched = allMatched;

    // A list item that would interrupt a paragraph (an ordered one must start at 1, an empty
    // one is text). micromark keeps this for every container started on the line, and also
    // applies it right after indented code and the blank lines after it, unless that code
    // started on a line that closed a container.
    const interrupting =
      allMatched && (leaf?.kind === "paragraph" || (leaf?.kind === "indented" && leaf.interrupts));
    let started = false;
    let newContainer = false;
    for (;;) {
      const next = nextNonSpace(line, pos);
      const indent = next - pos;
      const rest = line.slice(next);
      const blank = rest === "";
      const paragraphHere: boolean = inParagraph && !newContainer;
      if (indent >= 4) {
        if (!blank && !paragraphHere && !(leaf?.kind === "paragraph" && !closedUnmatched)) {
          startLeaf({ kind: "indented", interrupts: allMatched });
          started = true;
        }
        break;
      }
      if (blank) break;
      if (rest[0] === ">") {
        addContainer({ kind: "quote" });
        newContainer = true;
        pos = line[next + 1] === " " ? next + 2 : next + 1;
        if (containers.length > MAX_NESTING) return tooDeep(headings, i);
        continue;
      }
      const first = rest[0] ?? "";
      const atx = first === "#" && ATX_START.test(rest);
      if (atx) {
        startLeaf(null);
        if (containers.length === 0) headings.push(atxHeading(raw, line, i));
        started = true;
        break;
      }
      const fence = first === "`" || first === "~" ? FENCE_OPEN.exec(rest) : null;
      const fenceMarker = fence?.[1];
      if (fenceMarker && !(fenceMarker[0] === "`" && (fence[2] ?? "").includes("`"))) {
        startLeaf(null);
        const open = containers.length === 0 ? { line: i + 1, swallowed: [] } : null;
        leaf = { kind: "fence", char: fenceMarker[0] ?? "`", length: fenceMarker.length, open };
        started = true;
        break;
      }
      // A lone tag cannot interrupt a paragraph, but micromark lets it end a lazy line.
      const html: HtmlBlockKind | undefined =
        first !== "<"
          ? undefined
          : HTML_BLOCKS.find(
              (kind) => kind.start.test(rest) && (kind.interruptsParagraph || !paragraphHere),
            );
      if (html && !html.interruptsParagraph && !closedUnmatched && leaf?.kind === "paragraph") {
        // micromark reads a lone tag on a lazy line as HTML inside the open containers.
        leaf = { kind: "html", end: null, open: null };
        started = true;
        break;
      }
      if (html) {
        startLeaf(null);
        const open = containers.length === 0 ? { line: i + 1, swallowed: [] } : null;
        const closesHere: boolean = html.end?.test(rest) ?? false;
        leaf = closesHere ? null : { kind: "html", end: html.end, open };
        started = true;
        break;
      }
      if (
        (first === "-" || first === "=") &&
        paragraphHere &&
        leaf?.kind === "paragraph" &&
        SETEXT_UNDERLINE.test(rest)
      ) {
        const paragraph: Leaf = leaf;
        let start = paragraph.start;
        if (paragraph.topLevel) while (start < i && DEFINITION.test(lines[start] ?? "")) start++;
        if (paragraph.definitionsOnly) {
          // Only link reference definitions: no heading text, so the line is a break or text
          // (inside a block quote too, whose next lines may then continue it lazily).
          leaf = THEMATIC_BREAK.test(rest)
            ? null
            : {
                kind: "paragraph",
                start: i,
                lines: 1,
                topLevel: paragraph.topLevel,
                lastLine: rest,
                definitionsOnly: false,
              };
        } else {
          if (paragraph.topLevel && containers.length === 0) {
            headings.push({
              level: rest.startsWith("=") ? 1 : 2,
              // remark starts the heading at its paragraph, definitions included.
              line: paragraph.start + 1,
              endLine: i + 1,
              text: lines
                .slice(start, i)
                .map((l) => l.trim())
                .join(" "),
            });
          }
          leaf = null;
        }
        started = true;
        break;
      }
      if ((first === "-" || first === "*" || first === "_") && THEMATIC_BREAK.test(rest)) {
        startLeaf(null);
        started = true;
        break;
      }
      const item = LIST_MARKER_START.test(first) ? listItem(rest, interrupting) : null;
      if (item) {
        addContainer({ kind: "item", indent: indent + item.width, hasChild: !item.empty });
        newContainer = true;
        pos = next + item.consumed;
        if (containers.length > MAX_NESTING) return tooDeep(headings, i);
        continue;
      }
      break;
    }
    if (started) continue;

    const rest = line.slice(pos);
    const blank = rest.trim() === "";
    if (!closedUnmatched && !blank && leaf?.kind === "paragraph") {
      continueParagraph(leaf, rest);
      continue;
    }
    closeUnmatched();
    if (blank) {
      if ((leaf as Leaf | null)?.kind !== "indented") leaf = null;
      continue;
    }
    const current = leaf as Leaf | null;
    if (current?.kind === "paragraph") {
      if (startsTable(current.lastLine, rest)) leaf = { kind: "table" };
      else continueParagraph(current, rest);
      continue;
    }
    if (current?.kind === "table") continue;
    markChild(containers);
    leaf = {
      kind: "paragraph",
      start: i,
      lines: 1,
      topLevel: containers.length === 0,
      lastLine: rest,
      definitionsOnly: DEFINITION.test(rest),
    };
  }

  const open = leaf as Leaf | null;
  if (open?.kind === "html" && open.end === null && open.open && open.open.swallowed.length > 0)
    headingsInHtml.push(open.open);
  return {
    headings,
    unclosedFence: open?.kind === "fence" ? open.open : null,
    unclosedHtml: open?.kind === "html" && open.end !== null ? open.open : null,
    headingsInHtml,
    tooDeepAt: null,
  };
}

function tooDeep(headings: HeadingLine[], index: number): HeadingScan {
  return {
    headings,
    unclosedFence: null,
    unclosedHtml: null,
    headingsInHtml: [],
    tooDeepAt: index + 1,
  };
}

function markChild(containers: Container[]): void {
  const last = containers[containers.length - 1];
  if (last?.kind === "item") last.hasChild = true;
}

function noteSwallowed(open: OpenBlock | null, raw: string, index: number): void {
  if (!open) return;
  const atx = ATX.exec(raw);
  if (atx) open.swallowed.push(atxHeading(raw, raw, index));
}

/**
 * A list item's marker at the start of `rest`: the columns its content is indented by
 * (marker and the space after it), the columns consumed on this line, and whether it is empty.
 * An empty item, or an ordered one not starting at 1, cannot interrupt a paragraph.
 */
function listItem(
  rest: string,
  interruptsParagraph: boolean,
): { width: number; consumed: number; empty: boolean } | null {
  const bullet = BULLET.exec(rest);
  const ordered = bullet ? null : ORDERED.exec(rest);
  const marker = bullet?.[0] ?? ordered?.[0];
  if (marker === undefined) return null;
  const after = rest.slice(marker.length);
  const empty = after.trim() === "";
  if (interruptsParagraph && (empty || (ordered && ordered[1] !== "1"))) return null;
  if (empty) return { width: marker.length + 1, consumed: rest.length, empty };
  const spaces = nextNonSpace(after, 0);
  const gap = spaces >= 5 ? 1 : spaces;
  return { width: marker.length + gap, consumed: marker.length + gap, empty };
}

/** A paragraph's last line and a delimiter row with as many cells: a GFM table. */
function startsTable(header: string, delimiter: string): boolean {
  if (nextNonSpace(delimiter, 0) > 3) return false;
  const row = delimiter.trim();
  if (!TABLE_DELIMITER.test(row) || !/[|:]/.test(row)) return false;
  return cellCount(header) === cellCount(row);
}

function cellCount(row: string): number {
  const inner = row
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "");
  return inner.split(/(?<!\\)\|/).length;
}

function atxHeading(raw: string, expanded: string, index: number): HeadingLine {
  const atx = ATX.exec(raw) ?? ATX.exec(expanded);
  return {
    level: atx?.[1]?.length ?? 1,
    line: index + 1,
    endLine: index + 1,
    text: stripClosingHashes(atx?.[2] ?? ""),
  };
}

function nextNonSpace(line: string, from: number): number {
  let at = from;
  while (line[at] === " ") at++;
  return at;
}

/** The line with tabs turned into spaces (tab stops of 4), as CommonMark counts columns. */
function expandTabs(line: string): string {
  let out = "";
  for (const char of line) out += char === "\t" ? " ".repeat(4 - (out.length % 4)) : char;
  return out;
}

function stripClosingHashes(text: string): string {
  const trimmed = text.trim();
  if (/^#+$/.test(trimmed)) return "";
  return trimmed.replace(/[ \t]+#+$/, "").trim();
}
