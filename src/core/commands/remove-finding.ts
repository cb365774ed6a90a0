/**
 * The document without one finding, for `/deferbot resolve`: the finding's lines, the blank
 * lines after them and one adjacent thematic break go; every other byte stays, line endings
 * (CRLF, LF, CR), a byte order mark and a missing final newline included.
 *
 * The break removed is the first non-blank line after the section when it is a break, else the
 * last non-blank line before it when that is a break. Of the two runs of blank lines around
 * what is removed, one stays to keep the neighbours apart (the one before, or the one after
 * when there is none before); at the start or end of the document both go.
 */
import type { SourceSpan } from "../document/types.js";
import {
  isAtxHeading,
  isBlank,
  isThematicBreak,
  joinLines,
  type Line,
  splitLines,
} from "./markdown-lines.js";

const BOM = "\uFEFF";

/**
 * @param span 1-based, inclusive; `endLine` is the section's last content line (trailing blank
 *   lines and thematic breaks are not part of it), as the register parser reports it.
 * @throws RangeError when the span is not within the document.
 */
export function removeFindingSection(text: string, span: SourceSpan): string {
  const bom = text.startsWith(BOM) ? BOM : "";
  const lines = splitLines(text.slice(bom.length));
  const { startLine, endLine } = span;
  if (
    !Number.isInteger(startLine) ||
    !Number.isInteger(endLine) ||
    startLine < 1 ||
    endLine < startLine ||
    endLine > lines.length
  ) {
    throw new RangeError(
      `lines ${startLine}-${endLine} are not within the document (${lines.length} lines)`,
    );
  }
  const blank = (index: number) => {
    const line = lines[index];
    return line !== undefined && isBlank(line.text);
  };

  let first = startLine - 1;
  let last = endLine - 1;
  let next = last + 1;
  while (next < lines.length && blank(next)) next++;
  if (next < lines.length && isThematicBreak(lines[next]?.text ?? "")) {
    last = next;
  } else {
    let previous = first - 1;
    while (previous >= 0 && blank(previous)) previous--;
    if (previous >= 0 && isBreakAbove(lines, previous)) first = previous;
  }

  let from = first;
  while (from > 0 && blank(from - 1)) from--;
  let to = last;
  while (to < lines.length - 1 && blank(to + 1)) to++;
  const atStart = from === 0;
  const atEnd = to === lines.length - 1;
  if (!atStart && !atEnd) {
    // Keep the blank lines before (remove those after), or those after when there are none before.
    if (from < first) from = first;
    else to = last;
  }
  const kept = [...lines.slice(0, from), ...lines.slice(to + 1)].map((line) => ({ ...line }));
  const lastKept = kept[kept.length - 1];
  if (atEnd && lastKept && lines[lines.length - 1]?.eol === "") lastKept.eol = "";
  return bom + joinLines(kept);
}

/**
 * A break above the section. A `---` right under a line of text is a setext heading underline
 * (or the end of front matter), not a break, and stays.
 */
function isBreakAbove(lines: readonly Line[], index: number): boolean {
  const text = lines[index]?.text ?? "";
  if (!isThematicBreak(text)) return false;
  if (!text.trim().startsWith("-")) return true;
  const above = lines[index - 1]?.text;
  return above === undefined || isBlank(above) || isThematicBreak(above) || isAtxHeading(above);
}
