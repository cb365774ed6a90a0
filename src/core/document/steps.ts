/** The checklist steps of an approach: the items of the first list in its value. */
import type { List, ListItem, Node, Root } from "mdast";
import { dedent, oneLine, type SourceText } from "./source-text.js";
import type { Step } from "./types.js";

/** Steps from the first list that starts inside `[valueStart, valueEnd)`; none when there is no list. */
export function extractSteps(
  tree: Root,
  source: SourceText,
  valueStart: number,
  valueEnd: number,
  lineOffset: number,
): Step[] {
  const list = firstListIn(tree, valueStart, valueEnd);
  if (!list) return [];
  return list.children.map((item) => toStep(item, source, lineOffset));
}

function firstListIn(node: Node, from: number, to: number): List | null {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? 0;
  if (node.type === "list" && start >= from && start < to) return node as List;
  if (end <= from || start >= to) return null;
  if (!["root", "list", "listItem", "blockquote"].includes(node.type)) return null;
  for (const child of (node as { children?: Node[] }).children ?? []) {
    const found = firstListIn(child, from, to);
    if (found) return found;
  }
  return null;
}

function toStep(item: ListItem, source: SourceText, lineOffset: number): Step {
  const itemStart = item.position?.start.offset ?? 0;
  const itemEnd = item.position?.end.offset ?? itemStart;
  const line = source.lineAt(itemStart) + lineOffset;
  const [first, ...rest] = item.children;
  const textNode = first?.type === "paragraph" ? first : undefined;
  const text = textNode
    ? oneLine(
        source.slice(textNode.position?.start.offset ?? 0, textNode.position?.end.offset ?? 0),
      ).replace(/^\[[ xX]\][ \t]+/, "")
    : "";
  const detailNodes = textNode ? rest : item.children;
  const detailStart = detailNodes[0]?.position?.start.offset;
  const details =
    detailStart === undefined
      ? ""
      : dedent(source.slice(source.lineStart(source.lineAt(detailStart)), itemEnd)).trim();
  return { text, details, line };
}
