/** Markdown source → mdast syntax tree (remark-parse with GitHub-flavoured Markdown). */
import type { Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { type Processor, unified } from "unified";
import { parsePlainSection } from "./plain-section-tree.js";

const LITERAL_AUTOLINKS = new Set(["wwwAutolink", "protocolAutolink", "emailAutolink"]);

const processor = unified().use(remarkParse).use(remarkGfm).use(withoutLiteralAutolinks).freeze();

/**
 * Parses one section's Markdown; positions are relative to `markdown` (offsets, 1-based lines).
 * A section in the register's plain shape gets the same tree without micromark.
 */
export function parseMarkdown(markdown: string): Root {
  return parsePlainSection(markdown) ?? parseWithRemark(markdown);
}

/** remark's tree, always (the reference the plain-shape tree is tested against). */
export function parseWithRemark(markdown: string): Root {
  return processor.parse(markdown);
}

/**
 * Drops GFM's literal autolinks (`www.x.com` and bare URLs as links): fields are read from
 * the source text, so they change nothing here, and they cost about a quarter of the parse
 * time (a construct tried at every letter, then a find-and-replace pass over the tree).
 * Tables, task lists, strikethrough and footnotes stay. If remark-gfm's internals ever
 * change shape, nothing is removed and the parse is merely slower.
 */
function withoutLiteralAutolinks(this: Processor): void {
  const data = this.data() as {
    micromarkExtensions?: { text?: Record<string, unknown> }[];
    fromMarkdownExtensions?: unknown[];
  };
  for (const extension of data.micromarkExtensions ?? []) {
    const text = extension.text;
    if (!text) continue;
    for (const [code, constructs] of Object.entries(text)) {
      const list = (Array.isArray(constructs) ? constructs : [constructs]) as { name?: string }[];
      const kept = list.filter((construct) => !LITERAL_AUTOLINKS.has(construct?.name ?? ""));
      if (kept.length === list.length) continue;
      if (kept.length === 0) delete text[code];
      else text[code] = kept;
    }
  }
  data.fromMarkdownExtensions = (data.fromMarkdownExtensions ?? []).map((extension) =>
    Array.isArray(extension)
      ? extension.filter((part) => !isLiteralAutolinkHandler(part))
      : extension,
  );
}

function isLiteralAutolinkHandler(extension: unknown): boolean {
  const enter = (extension as { enter?: object } | null)?.enter;
  return enter !== undefined && Object.hasOwn(enter, "literalAutolink");
}
