import type { RootContent } from "mdast";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../../../src/core/document/markdown-tree.js";

const shape = (node: RootContent): unknown => [
  node.type,
  ...("checked" in node && node.checked !== undefined ? [node.checked] : []),
  ...("children" in node ? [node.children.map(shape)] : []),
];

describe("parseMarkdown", () => {
  it("reads GitHub-flavoured task lists, tables, strikethrough and footnotes", () => {
    const tree = parseMarkdown("- [x] done\n\n| a |\n|---|\n| 1 |\n\n~~old~~[^1]\n\n[^1]: note");
    expect(tree.children.map((node) => node.type)).toEqual([
      "list",
      "table",
      "paragraph",
      "footnoteDefinition",
    ]);
    expect(shape(tree.children[0] as RootContent)).toEqual([
      "list",
      [["listItem", true, [["paragraph", [["text"]]]]]],
    ]);
    expect(shape(tree.children[2] as RootContent)).toEqual([
      "paragraph",
      [["delete", [["text"]]], ["footnoteReference"]],
    ]);
  });

  it("leaves bare URLs as text (literal autolinks are off) but keeps <…> autolinks", () => {
    const tree = parseMarkdown(
      "see www.example.com, https://example.com and <https://example.org>",
    );
    expect(shape(tree.children[0] as RootContent)).toEqual([
      "paragraph",
      [["text"], ["link", [["text"]]]],
    ]);
  });

  it("keeps source offsets and lines", () => {
    const tree = parseMarkdown("a\n\n- **File:** x");
    expect(tree.children[1]?.position?.start).toEqual({ line: 3, column: 1, offset: 3 });
  });
});
