/**
 * The register parsed on a worker thread (SPEC §4), so a big or hostile document never blocks
 * the event loop: the worker's heap is capped and a parse past the timeout is stopped. Either
 * way the answer is the `too-complex` error, never a crash; the result is otherwise the same
 * `{findings, diagnostics}` as `parseRegister`.
 */
import { Worker, type WorkerOptions } from "node:worker_threads";
import type { Diagnostic, ParseResult } from "../core/document/types.js";
import type { ParseAnswer, ParseCommand, WorkerParseOptions } from "./protocol.js";

/** Beside this module after tsc and in the bundle (a second entry with the same name). */
const ENTRY = new URL("./parse-worker-entry.js", import.meta.url);

/** Starts a thread running the parse worker's entry (tests give one built from the sources). */
export type StartParseWorker = (options: WorkerOptions) => Worker;

export const startParseWorker: StartParseWorker = (options) => new Worker(ENTRY, options);

export interface WorkerLimits {
  /** Hard limit for the whole parse, in milliseconds (`DEFERBOT_PARSE_TIMEOUT`). */
  timeoutMs: number;
  /** The worker's old-generation heap cap, in MB (`resourceLimits.maxOldGenerationSizeMb`). */
  maxHeapMb?: number;
}

/**
 * A 10,000-finding register keeps about 80 MB alive; without a cap V8 lets garbage grow to
 * about three times that before a full collection (peak RSS 320 MB), with a cap it collects
 * sooner at no measurable cost. 512 MB leaves room for a 10 MiB register (~18,000 findings).
 */
export const DEFAULT_MAX_HEAP_MB = 512;

/**
 * Share of the timeout the worker itself may spend: it stops between sections and reports
 * the findings read so far; the hard timeout only ends a single section that runs on.
 */
const SOFT_SHARE = 0.9;

/** One register parsed on a worker started for it. */
export function parseInWorker(
  input: Uint8Array | string,
  options: WorkerParseOptions,
  limits: WorkerLimits,
  start: StartParseWorker = startParseWorker,
): Promise<ParseResult> {
  return new ParseWorker(limits.maxHeapMb, start).parse(input, options, limits.timeoutMs);
}

/**
 * A worker thread for one parse, started when this is made: its isolate boots and compiles the
 * parser while the caller still waits for the register. While it waits it does not keep the
 * process alive (unref); from `parse` on it does, until it answers, fails or times out, and
 * then it is stopped.
 */
export class ParseWorker {
  readonly #worker: Worker | undefined;
  readonly #maxHeapMb: number;
  readonly #progress = new SharedArrayBuffer(4);
  readonly #findings: ParseResult["findings"] = [];
  /** Why the worker is gone, or its answer: set once. */
  #ended: ParseResult | undefined;
  #exited: Promise<unknown> = Promise.resolve();
  #asked = false;
  #answer: ((result: ParseResult) => void) | undefined;

  constructor(maxHeapMb = DEFAULT_MAX_HEAP_MB, start: StartParseWorker = startParseWorker) {
    this.#maxHeapMb = maxHeapMb;
    try {
      this.#worker = start({ resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } });
    } catch (error) {
      this.#ended = failed(internalError(error));
      return;
    }
    this.#worker.on("message", (answer: ParseAnswer) => this.#receive(answer));
    this.#worker.on("error", (error: Error & { code?: string }) =>
      this.#end(
        failed(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? tooComplex(this.#lineReached(), `needed more than ${this.#maxHeapMb} MB of memory`)
            : internalError(error),
        ),
      ),
    );
    this.#worker.on("exit", (code) =>
      this.#end(
        failed(tooComplex(this.#lineReached(), `stopped the parser (it exited with code ${code})`)),
      ),
    );
    // After the listeners: adding a "message" listener refs the worker's port again.
    this.#worker.unref();
  }

  /** Whether it can take its parse: started, not asked yet, not ended. */
  get ready(): boolean {
    return !this.#asked && this.#ended === undefined;
  }

  /** Parses `input` (once per worker); the timeout runs from now, not from the worker's start. */
  parse(input: Uint8Array | string, options: WorkerParseOptions, timeoutMs: number) {
    if (this.#asked) throw new Error("a ParseWorker parses one register");
    this.#asked = true;
    const worker = this.#worker;
    if (this.#ended !== undefined || worker === undefined)
      return Promise.resolve(this.#ended ?? failed(internalError("no worker")));
    return new Promise<ParseResult>((resolve) => {
      const timer = setTimeout(
        () =>
          this.#end(failed(tooComplex(this.#lineReached(), `took longer than ${timeoutMs} ms`))),
        timeoutMs,
      );
      this.#answer = (result) => {
        clearTimeout(timer);
        resolve(result);
      };
      worker.ref();
      const command: ParseCommand = {
        kind: "parse",
        request: {
          input,
          options: { ...options, timeBudgetMs: timeoutMs * SOFT_SHARE },
          progress: this.#progress,
        },
      };
      worker.postMessage(command);
    });
  }

  /** Stops the worker (one still waiting for its register; a parse under way ends `too-complex`). */
  terminate(): Promise<void> {
    this.#end(failed(tooComplex(this.#lineReached(), "was stopped (deferbot is shutting down)")));
    return this.#exited.then(() => undefined);
  }

  #receive(answer: ParseAnswer): void {
    if (answer.kind === "done") {
      this.#end({ findings: this.#findings, diagnostics: answer.diagnostics });
      return;
    }
    this.#findings.push(...answer.findings);
    const next: ParseCommand = "next";
    this.#worker?.postMessage(next);
  }

  #end(result: ParseResult): void {
    if (this.#ended !== undefined) return;
    this.#ended = result;
    if (this.#worker) this.#exited = this.#worker.terminate();
    const answer = this.#answer;
    this.#answer = undefined;
    answer?.(result);
  }

  #lineReached(): number {
    return Math.max(1, Atomics.load(new Int32Array(this.#progress), 0));
  }
}

function failed(diagnostic: Diagnostic): ParseResult {
  return { findings: [], diagnostics: [diagnostic] };
}

function tooComplex(line: number, what: string): Diagnostic {
  return {
    severity: "error",
    code: "too-complex",
    message: `Reading the document ${what} at the section from line ${line}; nothing in it is synced and nothing is closed. Split the register into smaller documents or simplify that section.`,
    line,
    column: 1,
  };
}

function internalError(error: unknown): Diagnostic {
  return {
    severity: "error",
    code: "internal-error",
    message: `deferbot could not start its document parser (${error instanceof Error ? error.message : String(error)}); please report it.`,
    line: 1,
  };
}
