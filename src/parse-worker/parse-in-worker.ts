/**
 * The register parsed on a worker thread (SPEC §4), so a big or hostile document never blocks
 * the event loop: the worker's heap is capped and a parse past the timeout is stopped. Either
 * way the answer is the `too-complex` error, never a crash; the result is otherwise the same
 * `{findings, diagnostics}` as `parseRegister`.
 */
import { Worker } from "node:worker_threads";
import type { Diagnostic, ParseResult } from "../core/document/types.js";
import type { ParseAnswer, ParseRequest, WorkerParseOptions } from "./protocol.js";

/** Beside this module after tsc and in the bundle (a second entry with the same name). */
const ENTRY = new URL("./parse-worker-entry.js", import.meta.url);

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

export function parseInWorker(
  input: Uint8Array | string,
  options: WorkerParseOptions,
  limits: WorkerLimits,
): Promise<ParseResult> {
  const progress = new SharedArrayBuffer(4);
  const request: ParseRequest = {
    input,
    options: { ...options, timeBudgetMs: limits.timeoutMs * SOFT_SHARE },
    progress,
  };
  const maxHeapMb = limits.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
  const lineReached = () => Math.max(1, Atomics.load(new Int32Array(progress), 0));

  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: ParseResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker?.terminate();
      resolve(result);
    };
    let worker: Worker | undefined;
    const timer = setTimeout(
      () => settle(failed(tooComplex(lineReached(), `took longer than ${limits.timeoutMs} ms`))),
      limits.timeoutMs,
    );
    try {
      worker = new Worker(ENTRY, {
        workerData: request,
        resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
      });
    } catch (error) {
      settle(failed(internalError(error)));
      return;
    }
    const findings: ParseResult["findings"] = [];
    worker.on("message", (answer: ParseAnswer) => {
      if (answer.kind === "done") return settle({ findings, diagnostics: answer.diagnostics });
      findings.push(...answer.findings);
      worker?.postMessage("next");
    });
    worker.on("error", (error: Error & { code?: string }) =>
      settle(
        failed(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? tooComplex(lineReached(), `needed more than ${maxHeapMb} MB of memory`)
            : internalError(error),
        ),
      ),
    );
    worker.on("exit", (code) =>
      settle(failed(tooComplex(lineReached(), `stopped the parser (it exited with code ${code})`))),
    );
  });
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
