/**
 * The findings register parser (SPEC §2), with remark for the sections outside the plain shape:
 * what every caller uses but the one-shot commands, which parse with ./parse-plain-first.ts.
 * Never throws: every problem becomes a diagnostic.
 */
import { parseMarkdown } from "./markdown-tree.js";
import { parseRegisterWith } from "./register-parser.js";
import type { ParseOptions, ParseResult } from "./types.js";

export function parseRegister(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  return parseRegisterWith(input, options, parseMarkdown);
}
