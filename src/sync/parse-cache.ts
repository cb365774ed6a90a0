/**
 * The last parse of a repository's register, kept by blob sha and parse settings: a sync of a
 * document that did not change (folded pushes, `/deferbot sync`, an edit elsewhere in the
 * repository) reuses it instead of parsing again. The parse itself is injected: inline for the
 * command line and the action, on a worker thread for `deferbot serve` (SPEC §4).
 */
import type { RepoConfig } from "../core/config/repo-config.js";
import type { ParseResult } from "../core/document/types.js";
import { nextTurn } from "./next-turn.js";

/** Parses a register's bytes with a repository's settings. */
export type RegisterParser = (bytes: Uint8Array, config: RepoConfig) => Promise<ParseResult>;

let loadingParser: Promise<typeof import("../core/document/parse-plain-first.js")> | undefined;

/** The parser loads when first needed or prepared, not with the sync's code. */
function inlineParser() {
  loadingParser ??= import("../core/document/parse-plain-first.js");
  return loadingParser;
}

export const parseInline: RegisterParser = async (bytes, config) =>
  (await inlineParser()).parsePlainFirst(bytes, config);

/** A parse's result, and how long it took (0 when it came from the cache). */
export interface TimedParse extends ParseResult {
  parseMs: number;
}

/** Warm-up parses at most, one finding each, one per turn of the event loop (see `prepare`). */
export const WARM_UP_PARSES = 8;

/**
 * A parse stopped by its limits (the worker's heap or timeout) can pass on another try under
 * less load, so it is not kept: the next sync of the same commit parses again.
 */
const NOT_KEPT = new Set(["too-complex", "internal-error"]);

export class ParseCache {
  #key: string | null = null;
  #result: ParseResult | null = null;
  readonly #parse: RegisterParser;
  readonly #now: () => number;
  readonly #onParsed: ((bytes: number, durationMs: number) => void) | undefined;
  #warming: { on: boolean } | null = null;
  #warmUps = 0;

  /** `onParsed` is told each parse that ran (not a cached one), with its bytes and time. */
  constructor(
    parse: RegisterParser = parseInline,
    onParsed?: (bytes: number, durationMs: number) => void,
    now: () => number = performance.now.bind(performance),
  ) {
    this.#parse = parse;
    this.#onParsed = onParsed;
    this.#now = now;
  }

  /**
   * Loads the inline parser's code now, while the sync's first reads are in flight, and warms it
   * up: until the register's parse is asked for, a parse of a one-finding register per turn of
   * the event loop (at most WARM_UP_PARSES), so the register is parsed by compiled code. Each
   * waits for a turn, so an answer that comes in is handled first; their results are dropped.
   */
  prepare(): void {
    if (this.#parse !== parseInline || this.#warming) return;
    const warming = { on: true };
    this.#warming = warming;
    const warmUp = async () => {
      const [{ parsePlainFirst }, { warmUpRegister }] = await Promise.all([
        inlineParser(),
        import("../core/document/warm-up-register.js"),
      ]);
      for (let n = 1; n <= WARM_UP_PARSES; n++) {
        await nextTurn();
        if (!warming.on) return;
        await parsePlainFirst(warmUpRegister(n));
        this.#warmUps++;
      }
    };
    warmUp().catch(() => {}); // a parser that cannot load fails the register's parse, which says so
  }

  /** Warm-up parses run so far (tests). */
  get warmUps(): number {
    return this.#warmUps;
  }

  async parse(bytes: Uint8Array, blobSha: string, config: RepoConfig): Promise<TimedParse> {
    if (this.#warming) this.#warming.on = false;
    const key = JSON.stringify([
      blobSha,
      config.idPattern,
      config.fieldAliases,
      config.riskLevels,
      config.maxBytes,
    ]);
    if (this.#key === key && this.#result) return { ...this.#result, parseMs: 0 };
    const started = this.#now();
    const result = await this.#parse(bytes, config);
    const parseMs = this.#now() - started;
    this.#onParsed?.(bytes.byteLength, parseMs);
    if (!result.diagnostics.some((diagnostic) => NOT_KEPT.has(diagnostic.code))) {
      this.#key = key;
      this.#result = result;
    }
    return { ...result, parseMs };
  }
}
