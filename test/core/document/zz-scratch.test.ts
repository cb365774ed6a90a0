import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { it } from "vitest";
import { scanHeadings } from "../../../src/core/document/split-sections.js";

const proc = unified().use(remarkParse).use(remarkGfm);
function cmp(doc: string) {
  const tree = proc.parse(doc);
  const r = tree.children
    .filter((n) => n.type === "heading")
    .map((n) => `${n.position?.start.line}-${n.position?.end.line}`);
  const s = scanHeadings(doc.split("\n")).headings.map((h) => `${h.line}-${h.endLine}`);
  return `${r.join(",") === s.join(",") ? "ok  " : "DIFF"} remark=${r.join(",")} scan=${s.join(",")}`;
}
it("scratch", () => {
  for (const d of [
    "a\n| b | c |\n| - | - |\n===",
    "x\n\n| b |\n---",
    "- a\n  text\n  ---",
    "> a\n===",
    "<div>\n# h",
    "  <!--\n# h",
    "- a\n\n  # b\n# c",
    "1. a\n2) b\n# c\n***\n* * *\nfoo\n===",
    "-\n\n  foo\n---",
    "- a\n-\n\n  x\n  ---",
    ">>> a\n> > b\n===\nc\n--",
    "    code\nx\n---",
    "a\n    b\n===",
    "| a |\n| - |\n---\nx\n===",
    "<!-- a -->\nb\n---",
    '<a href="x">\nfoo\n===',
    'foo\n<a href="x">\n===',
  ])
    console.log(JSON.stringify(d), cmp(d));
});
