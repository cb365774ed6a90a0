/** A piece of Markdown source with offset ↔ line arithmetic and slicing helpers. */

export class SourceText {
  readonly text: string;
  /** Offset of the start of each line (index 0 = line 1). */
  private readonly lineStarts: number[];

  constructor(text: string) {
    this.text = text;
    this.lineStarts = [0];
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) {
      this.lineStarts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 1-based line of an offset. */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** Offset where a 1-based line starts (the end of the text past the last line). */
  lineStart(line: number): number {
    if (line < 1) return 0;
    return this.lineStarts[line - 1] ?? this.text.length;
  }

  /** The text of a 1-based line, without its line ending. */
  line(line: number): string {
    const start = this.lineStart(line);
    const next = this.lineStarts[line];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1);
  }

  slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }
}

/** Removes the indentation common to all non-blank lines. */
export function dedent(text: string): string {
  const lines = text.split("\n");
  let common: string | null = null;
  for (const line of lines) {
    if (line.trim() === "") continue;
    const indent = /^[ \t]*/.exec(line)?.[0] ?? "";
    if (common === null || indent.length < common.length) common = indent;
  }
  if (!common) return text;
  const width = common.length;
  return lines.map((line) => (line.trim() === "" ? "" : line.slice(width))).join("\n");
}

/** Markdown spread over several lines, on one line: each line trimmed, joined with a space. */
export function oneLine(text: string): string {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join(" ");
}
