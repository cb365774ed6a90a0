/** Lines of a Markdown document with their own line endings, and the line kinds edits care about. */

export interface Line {
  /** The line without its ending. */
  text: string;
  /** `\r\n`, `\n`, `\r` (CommonMark's three line endings), or "" for a last line without one. */
  eol: string;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const ending = /\r\n|\n|\r/g;
  let start = 0;
  for (let match = ending.exec(text); match !== null; match = ending.exec(text)) {
    lines.push({ text: text.slice(start, match.index), eol: match[0] });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), eol: "" });
  return lines;
}

export function joinLines(lines: readonly Line[]): string {
  return lines.map((line) => line.text + line.eol).join("");
}

export function isBlank(text: string): boolean {
  return /^[ \t]*$/.test(text);
}

/** `---`, `***` or `___` (three or more, spaces between allowed), indented at most three spaces. */
export function isThematicBreak(text: string): boolean {
  return /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/.test(text);
}

export function isAtxHeading(text: string): boolean {
  return /^ {0,3}#{1,6}(?:[ \t]|$)/.test(text);
}
