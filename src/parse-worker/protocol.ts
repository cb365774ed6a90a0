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

/**
 * The answer, in messages: the findings in batches of at most `FINDINGS_PER_MESSAGE`, each sent
 * when the main thread asks for the next (any message), then the diagnostics. A big register's
 * result (18,000 findings take about 0.4 s to deserialise at once) so never holds the main
 * thread's event loop longer than one batch.
 */
export type ParseAnswer =
  | { kind: "findings"; findings: ParseResult["findings"] }
  | { kind: "done"; diagnostics: ParseResult["diagnostics"] };

export const FINDINGS_PER_MESSAGE = 250;
