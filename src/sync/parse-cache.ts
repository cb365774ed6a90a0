/**
 * The last parse of a repository's register, kept by blob sha and parse settings: a sync of a
 * document that did not change (folded pushes, `/deferbot sync`, an edit elsewhere in the
 * repository) reuses it instead of parsing again.
 */
import type { RepoConfig } from "../core/config/repo-config.js";
import { parseRegister } from "../core/document/parse-register.js";
import type { ParseResult } from "../core/document/types.js";

export class ParseCache {
  #key: string | null = null;
  #result: ParseResult | null = null;

  /** `onParsed` is told each parse that ran (not a cached one), with its bytes and time. */
  constructor(private readonly onParsed?: (bytes: number, durationMs: number) => void) {}

  parse(bytes: Uint8Array, blobSha: string, config: RepoConfig): ParseResult {
    const key = JSON.stringify([
      blobSha,
      config.idPattern,
      config.fieldAliases,
      config.riskLevels,
      config.maxBytes,
    ]);
    if (this.#key === key && this.#result) return this.#result;
    const started = performance.now();
    const result = parseRegister(bytes, config);
    this.onParsed?.(bytes.byteLength, performance.now() - started);
    this.#key = key;
    this.#result = result;
    return result;
  }
}
