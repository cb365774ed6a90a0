/** Markdown source → mdast syntax tree (remark-parse with GitHub-flavoured Markdown). */
import type { Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

const processor = unified().use(remarkParse).use(remarkGfm).freeze();

/** Parses one section's Markdown; positions are relative to `markdown` (offsets, 1-based lines). */
export function parseMarkdown(markdown: string): Root {
  return processor.parse(markdown);
}
