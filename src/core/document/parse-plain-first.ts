/**
 * The register parser for one-shot commands: remark's code (~0.3 MB, the larger part of the
 * parser's) is loaded only for a register that has a section outside the plain shape. The parse
 * is tried with `plainTreesOnly` first and, on the first such section, run again with remark.
 */
import { parseRegisterWith } from "./register-parser.js";
import { NeedsRemark, plainTreesOnly } from "./section-tree.js";
import type { ParseOptions, ParseResult } from "./types.js";

export async function parsePlainFirst(
  input: string | Uint8Array,
  options: ParseOptions = {},
): Promise<ParseResult> {
  try {
    return parseRegisterWith(input, options, plainTreesOnly);
  } catch (error) {
    if (!(error instanceof NeedsRemark)) throw error;
  }
  const { parseMarkdown } = await import("./markdown-tree.js");
  return parseRegisterWith(input, options, parseMarkdown);
}
