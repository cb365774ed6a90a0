/**
 * The labelled fields of one finding's section, found on its syntax tree: paragraphs and
 * list items whose lines start with a label. A field's value runs to the next label or the
 * end of the section.
 */
import type { List, Node, Paragraph, Root, RootContent } from "mdast";
import { type LabelTable, matchLabel, normaliseLabel } from "./field-labels.js";
import { dedent, type SourceText } from "./source-text.js";
import type { Field, FieldKey } from "./types.js";

/** A field with the offsets of its value in the section's source. */
export interface SectionField extends Field {
  /** 1-based column of the label in its line. */
  column: number;
  valueStart: number;
  valueEnd: number;
}

interface LabelHit {
  label: string;
  key: FieldKey | null;
  bold: boolean;
  /** Local 1-based line of the label. */
  line: number;
  column: number;
  valueStart: number;
}

/** Every field of a section in document order; lines in the result are local to `source` plus `lineOffset`. */
export function extractFields(
  tree: Root,
  source: SourceText,
  labels: LabelTable,
  lineOffset: number,
): SectionField[] {
  const hits = keepConsistentStyle(collectHits(tree, source, labels));
  const contentEnd = contentEndOffset(tree);
  const breaks = tree.children.filter((node) => node.type === "thematicBreak");
  const fields: SectionField[] = [];
  hits.forEach((hit, index) => {
    const next = hits[index + 1];
    let end = next ? source.lineStart(next.line) : contentEnd;
    end = Math.max(hit.valueStart, withoutTrailingBreaks(source, hit.valueStart, end, breaks));
    const raw = source.slice(hit.valueStart, end);
    const lastChar = raw.trimEnd().length;
    const endLine = lastChar > 0 ? source.lineAt(hit.valueStart + lastChar - 1) : hit.line;
    fields.push({
      key: hit.key,
      label: hit.label,
      value: fieldValue(raw),
      span: { startLine: hit.line + lineOffset, endLine: endLine + lineOffset },
      column: hit.column,
      valueStart: hit.valueStart,
      valueEnd: end,
    });
  });
  return fields;
}

/**
 * Labels of the top-level paragraphs and field lists. A top-level block indented by a few
 * spaces is a continuation of the field above it (ripr style), so it holds no labels.
 */
function collectHits(tree: Root, source: SourceText, labels: LabelTable): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const block of tree.children) {
    if ((block.position?.start.column ?? 1) > 1) continue;
    if (block.type === "paragraph") {
      hits.push(...paragraphHits(block, source, labels));
    } else if (block.type === "list") {
      hits.push(...listHits(block, source, labels));
    }
  }
  return hits;
}

/** The labels of a list whose items start with labels (a field list); none for any other list. */
function listHits(list: List, source: SourceText, labels: LabelTable): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const item of list.children) {
    const first = item.children[0];
    if (first?.type === "paragraph") hits.push(...paragraphHits(first, source, labels));
  }
  return hits;
}

/**
 * Labels at the starts of a paragraph's lines. A later line counts only when the first line
 * has a label and the later line is not indented deeper (an indented line is a continuation).
 */
function paragraphHits(paragraph: Paragraph, source: SourceText, labels: LabelTable): LabelHit[] {
  const start = paragraph.position?.start.offset;
  const end = paragraph.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  const firstLine = source.lineAt(start);
  const lastLine = source.lineAt(end);
  const firstIndent = start - source.lineStart(firstLine);
  // Only a later line can begin inside an inline node.
  const blocked = lastLine > firstLine ? linesInsideInlineNodes(paragraph, source) : null;
  const hits: LabelHit[] = [];
  for (let line = firstLine; line <= lastLine; line++) {
    if (line > firstLine && hits.length === 0) break;
    if (blocked?.has(line)) continue;
    const lineStart = source.lineStart(line);
    const lineText = source.line(line);
    const indent = indentOf(lineText);
    if (line > firstLine && indent > firstIndent) continue;
    const contentStart = line === firstLine ? start : lineStart + indent;
    const text = source.slice(contentStart, Math.min(end, lineStart + lineText.length));
    const match = matchLabel(text);
    if (!match) continue;
    if (match.bold && !startsStrong(paragraph, contentStart)) continue;
    hits.push({
      label: match.label,
      key: labels.get(normaliseLabel(match.label)) ?? null,
      bold: match.bold,
      line,
      column: contentStart - lineStart + 1,
      valueStart: contentStart + match.length,
    });
  }
  return hits;
}

/** The spaces and tabs a line starts with. */
function indentOf(line: string): number {
  let width = 0;
  while (line[width] === " " || line[width] === "\t") width++;
  return width;
}

/** Whether one of the paragraph's strong nodes starts at `offset`. */
function startsStrong(paragraph: Paragraph, offset: number): boolean {
  return paragraph.children.some(
    (node) => node.type === "strong" && node.position?.start.offset === offset,
  );
}

/** Lines that begin inside an inline node other than text (code, link, emphasis across lines). */
function linesInsideInlineNodes(paragraph: Paragraph, source: SourceText): Set<number> {
  const blocked = new Set<number>();
  const visit = (node: Node) => {
    const { start, end } = node.position ?? {};
    if (node.type !== "text" && start?.offset !== undefined && end?.offset !== undefined) {
      const first = source.lineAt(start.offset);
      const last = source.lineAt(end.offset);
      for (let line = first + 1; line <= last; line++) blocked.add(line);
    }
    if ("children" in node && Array.isArray(node.children)) {
      for (const child of node.children as Node[]) visit(child);
    }
  };
  for (const child of paragraph.children) visit(child);
  return blocked;
}

/**
 * When a section starts its fields with bold labels, a later plain `Word:` that is no known
 * label is prose (`For example:`), not a field.
 */
function keepConsistentStyle(hits: LabelHit[]): LabelHit[] {
  if (!hits[0]?.bold) return hits;
  return hits.filter((hit) => hit.bold || hit.key !== null);
}

/** End offset of the section's last block that is not a thematic break. */
function contentEndOffset(tree: Root): number {
  for (let i = tree.children.length - 1; i >= 0; i--) {
    const node = tree.children[i];
    if (node && node.type !== "thematicBreak") return node.position?.end.offset ?? 0;
  }
  return 0;
}

/** Moves `end` back over thematic breaks (and the blank space around them) that close the range. */
function withoutTrailingBreaks(
  source: SourceText,
  start: number,
  end: number,
  breaks: RootContent[],
): number {
  let current = start + source.slice(start, end).trimEnd().length;
  for (;;) {
    const closing = breaks.find(
      (node) =>
        node.position?.end.offset === current && (node.position.start.offset ?? -1) >= start,
    );
    if (!closing) return current;
    const breakStart = closing.position?.start.offset ?? start;
    current = start + source.slice(start, breakStart).trimEnd().length;
  }
}

/** The value as Markdown: the rest of the label's line, then the following lines dedented. */
function fieldValue(raw: string): string {
  const newline = raw.indexOf("\n");
  if (newline < 0) return raw.trim();
  const first = raw.slice(0, newline).trim();
  const rest = dedent(raw.slice(newline + 1)).trimEnd();
  if (first === "") return rest.trim();
  return rest.trim() === "" ? first : `${first}\n${rest}`;
}
