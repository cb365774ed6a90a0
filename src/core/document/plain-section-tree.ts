/**
 * The syntax tree of a section written in the register's plain shape, built without micromark:
 * field lists (`- **File:** …`) with one-line items and `1.`-numbered one-line steps under
 * them, one-line-per-field paragraphs, blank lines and `---`, inline content of text, `code`
 * and a leading `**Label:**`. Its tree is the one remark-parse + remark-gfm build for the same
 * text, positions included (a property test holds the two equal); micromark costs a few
 * milliseconds per section, this a few microseconds. Returns null for anything outside that
 * shape (another construct, a character that could start one, a loose list, a continuation
 * line), and the caller parses it with remark instead.
 */
import type {
  InlineCode,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Strong,
  Text,
} from "mdast";

type Point = NonNullable<Root["position"]>["start"];

/** A line that may begin a paragraph or an item's content: a letter, `**`, or a code span. */
const CONTENT_START = /^(?:\p{L}|\*\*|`)/u;
/**
 * Outside code spans: none of the characters that can begin an inline construct here (emphasis,
 * escapes, entities, HTML and autolinks, links and footnotes, strikethrough, tables), no tab,
 * no control character.
 */
const NOT_IN_PLAIN_TEXT = charSet("*_\\&<>[]~|`");
/** Inside a code span: anything but a backtick, `<` (an HTML tag or autolink may win), `|`. */
const NOT_IN_CODE = charSet("`<|");
const LABEL_TEXT = /^\p{L}[\p{L}\p{N} ()/',.:+-]*$/u;
/** LABEL_TEXT for ASCII text, where \p{L} is A-Z and a-z and \p{N} is 0-9. */
const ASCII_LABEL_TEXT = /^[A-Za-z][A-Za-z0-9 ()/',.:+-]*$/;
const BULLET_ITEM = /^- (?=\S)/;
const STEP_ITEM = /^ {2}([1-9][0-9]{0,8})\. (?=\S)/;

interface Line {
  text: string;
  /** 1-based. */
  number: number;
  offset: number;
}

export function parsePlainSection(markdown: string): Root | null {
  const lines = splitLines(markdown);
  const children: RootContent[] = [];
  let list: List | null = null;
  let item: ListItem | null = null;
  let paragraph: Line[] | null = null;
  let afterBlank = true;

  const closeParagraph = (): boolean => {
    if (paragraph === null) return true;
    const built = paragraphOf(paragraph);
    paragraph = null;
    if (built === null) return false;
    children.push(built);
    return true;
  };

  for (const line of lines) {
    const { text } = line;
    if (text === "") {
      if (!closeParagraph()) return null;
      item = null;
      afterBlank = true;
      continue;
    }
    const last = text.charCodeAt(text.length - 1);
    if (last === 0x20 || last === 0x0d) return null;
    if (text === "---") {
      if (!afterBlank) return null;
      list = null;
      children.push({ type: "thematicBreak", position: span(line, 0, text.length) });
      afterBlank = false;
      continue;
    }
    if (BULLET_ITEM.test(text)) {
      if (paragraph !== null || (list !== null && afterBlank)) return null;
      const content = contentParagraph(line, 2);
      if (content === null) return null;
      item = {
        type: "listItem",
        spread: false,
        checked: null,
        children: [content],
        position: span(line, 0, text.length),
      };
      if (list === null || afterBlank) {
        list = { type: "list", ordered: false, start: null, spread: false, children: [] };
        children.push(list);
      }
      list.children.push(item);
      list.position = {
        start: list.children[0]?.position?.start ?? point(line, 0),
        end: end(line),
      };
      afterBlank = false;
      continue;
    }
    const step = STEP_ITEM.exec(text);
    if (step) {
      if (item === null || list === null || afterBlank) return null;
      const number = step[1] ?? "";
      let steps = item.children[1];
      if (steps === undefined) {
        // An ordered list interrupts the item's paragraph only when it starts at 1.
        if (number !== "1") return null;
        steps = { type: "list", ordered: true, start: 1, spread: false, children: [] };
        item.children.push(steps);
      }
      if (steps.type !== "list") return null;
      const content = contentParagraph(line, 2 + number.length + 2);
      if (content === null) return null;
      steps.children.push({
        type: "listItem",
        spread: false,
        checked: null,
        children: [content],
        position: span(line, 2, text.length),
      });
      steps.position = {
        start: steps.children[0]?.position?.start ?? point(line, 2),
        end: end(line),
      };
      if (item.position) item.position.end = end(line);
      if (list.position) list.position.end = end(line);
      continue;
    }
    if (!CONTENT_START.test(text)) return null;
    // A line right under a list item would be its lazy continuation.
    if (list !== null && !afterBlank) return null;
    list = null;
    item = null;
    paragraph ??= [];
    paragraph.push(line);
    afterBlank = false;
  }
  if (!closeParagraph()) return null;
  const last = lines[lines.length - 1] ?? { text: "", number: 1, offset: 0 };
  return {
    type: "root",
    children,
    position: { start: { line: 1, column: 1, offset: 0 }, end: end(last) },
  };
}

function splitLines(markdown: string): Line[] {
  const lines: Line[] = [];
  let offset = 0;
  let number = 1;
  for (;;) {
    const newline = markdown.indexOf("\n", offset);
    const text = markdown.slice(offset, newline < 0 ? markdown.length : newline);
    lines.push({ text, number, offset });
    if (newline < 0) return lines;
    offset = newline + 1;
    number++;
  }
}

function point(line: Line, column0: number): Point {
  return { line: line.number, column: column0 + 1, offset: line.offset + column0 };
}

function end(line: Line): Point {
  return point(line, line.text.length);
}

function span(line: Line, from: number, to: number): { start: Point; end: Point } {
  return { start: point(line, from), end: point(line, to) };
}

/** The paragraph an item's content makes, starting at column `from` (0-based) of its line. */
function contentParagraph(line: Line, from: number): Paragraph | null {
  const text = line.text.slice(from);
  if (!CONTENT_START.test(text)) return null;
  const inline = inlineOf(line, from);
  if (inline === null) return null;
  return { type: "paragraph", children: inline, position: span(line, from, line.text.length) };
}

/** A top-level paragraph of whole lines (none indented, none starting a block). */
function paragraphOf(lines: readonly Line[]): Paragraph | null {
  const children: PhrasingContent[] = [];
  for (const [index, line] of lines.entries()) {
    const inline = inlineOf(line, 0);
    if (inline === null) return null;
    if (index > 0) {
      // The line break joins the last node of the line above (a text) or begins a text.
      const previous = lines[index - 1] as Line;
      appendText(children, "\n", point(previous, previous.text.length), point(line, 0));
    }
    for (const node of inline) {
      if (node.type === "text" && node.position)
        appendText(children, node.value, node.position.start, node.position.end);
      else children.push(node);
    }
  }
  const first = lines[0] as Line;
  const last = lines[lines.length - 1] as Line;
  return { type: "paragraph", children, position: { start: point(first, 0), end: end(last) } };
}

function appendText(children: PhrasingContent[], value: string, start: Point, finish: Point) {
  const last = children[children.length - 1];
  if (last?.type === "text" && last.position) {
    last.value += value;
    last.position.end = finish;
    return;
  }
  children.push({ type: "text", value, position: { start, end: finish } });
}

/** The inline nodes of a line from column `from` (0-based): an optional label, text and code. */
function inlineOf(line: Line, from: number): PhrasingContent[] | null {
  const text = line.text;
  const nodes: PhrasingContent[] = [];
  let at = from;
  if (text.startsWith("**", at)) {
    const close = text.indexOf("**", at + 2);
    if (close < 0) return null;
    const label = text.slice(at + 2, close);
    if (!isLabelText(label) || label.endsWith(" ")) return null;
    let after = close + 2;
    if (text[after] === ":") after++;
    if (after < text.length && text[after] !== " ") return null;
    const inner: Text = { type: "text", value: label, position: span(line, at + 2, close) };
    const strong: Strong = {
      type: "strong",
      children: [inner],
      position: span(line, at, close + 2),
    };
    nodes.push(strong);
    at = close + 2;
  }
  while (at < text.length) {
    const tick = text.indexOf("`", at);
    const plainEnd = tick < 0 ? text.length : tick;
    if (plainEnd > at) {
      const plain = text.slice(at, plainEnd);
      if (!hasNone(plain, NOT_IN_PLAIN_TEXT)) return null;
      nodes.push({ type: "text", value: plain, position: span(line, at, plainEnd) });
    }
    if (tick < 0) break;
    const closeTick = text.indexOf("`", tick + 1);
    if (closeTick < 0) return null;
    const code = text.slice(tick + 1, closeTick);
    // Code spans of one backtick only, never padded (padding is stripped by its own rules).
    if (code === "" || !hasNone(code, NOT_IN_CODE) || code.startsWith(" ") || code.endsWith(" "))
      return null;
    if (text[closeTick + 1] === "`") return null;
    const inlineCode: InlineCode = {
      type: "inlineCode",
      value: code,
      position: span(line, tick, closeTick + 1),
    };
    nodes.push(inlineCode);
    at = closeTick + 1;
  }
  return nodes;
}

function charSet(chars: string): Set<number> {
  return new Set([...chars].map((char) => char.charCodeAt(0)));
}

/** Whether `text` has none of `chars` and no control character (tab included, \p{Cc}). */
function hasNone(text: string, chars: ReadonlySet<number>): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || chars.has(code)) return false;
  }
  return true;
}

function isLabelText(label: string): boolean {
  for (let i = 0; i < label.length; i++)
    if (label.charCodeAt(i) > 0x7e) return LABEL_TEXT.test(label);
  return ASCII_LABEL_TEXT.test(label);
}
