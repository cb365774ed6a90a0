/** What the parse worker is given and what it answers (both structured-clone safe). */
import type { ParseOptions, ParseResult } from "../core/document/types.js";

/** The register options a worker can receive: the clock stays on its side. */
export type WorkerParseOptions = Omit<ParseOptions, "now" | "onSection">;

export interface ParseRequest {
  input: Uint8Array | string;
  options: WorkerParseOptions;
  /**
   * One Int32: the line of the section the worker is reading, so a worker stopped by the
   * timeout or its heap limit can be reported at that line.
   */
  progress: SharedArrayBuffer;
}

export type ParseAnswer = ParseResult;
