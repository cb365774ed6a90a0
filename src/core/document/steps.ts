/** The checklist steps of an approach: the items of the first list in its value. */
import type { List, ListItem, Node, Root } from "mdast";
import { dedent, oneLine, type SourceText } from "./source-text.js";
import type { Step } from "./types.js";

/**
 * Steps from the first list that starts inside `[valueStart, valueEnd)`, and from the lists
 * right after it (`1.` then `2)`, or `-` then `*`, make separate lists); none without a list.
 */
export function extractSteps(
  tree: Root,
  source: SourceText,
  valueStart: number,
  valueEnd: number,
  lineOffset: number,
): Step[] {
  const found = firstListIn(tree, null, valueStart, valueEnd);
  if (!found) return [];
  const siblings = found.parent.children;
  const steps: Step[] = [];
  for (let index = siblings.indexOf(found.list); index < siblings.length; index++) {
    const node = siblings[index];
    if (node?.type !== "list" || (node.position?.start.offset ?? valueEnd) >= valueEnd) break;
    for (const item of (node as List).children) steps.push(toStep(item, source, lineOffset));
  }
  return steps;
}

interface Parent {
  children: Node[];
}

function firstListIn(
  node: Node,
  parent: Parent | null,
  from: number,
  to: number,
): { list: List; parent: Parent } | null {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? 0;
  if (node.type === "list" && parent && start >= from && start < to) {
    return { list: node as List, parent };
  }
  if (end <= from || start >= to) return null;
  if (!["root", "list", "listItem", "blockquote"].includes(node.type)) return null;
  const container = node as Node & Partial<Parent>;
  for (const child of container.children ?? []) {
    const found = firstListIn(child, container as Parent, from, to);
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
