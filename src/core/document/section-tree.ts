/**
 * How a section's syntax tree is built. Sections in the register's plain shape get theirs
 * without micromark (./plain-section-tree.ts); the others need remark (./markdown-tree.ts), whose
 * code is the larger part of the parser's. `plainTreesOnly` lets a one-shot command parse without
 * loading remark and load it only for a register that has such a section.
 */
import type { Root } from "mdast";
import { parsePlainSection } from "./plain-section-tree.js";

/** One section's Markdown to its tree; positions relative to `markdown`. */
export type SectionTreeParser = (markdown: string) => Root;

/** A section outside the plain shape met by `plainTreesOnly`: parse again with remark. */
export class NeedsRemark extends Error {
  override readonly name = "NeedsRemark";
}

export const plainTreesOnly: SectionTreeParser = (markdown) => {
  const tree = parsePlainSection(markdown);
  if (tree === null) throw new NeedsRemark("a section outside the plain shape");
  return tree;
};
