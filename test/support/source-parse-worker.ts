/**
 * The parse worker for tests that run `deferbot sync` or the action from source: a worker
 * thread runs JavaScript only, so it starts the entry of the global setup's tsc build
 * (test/support/build-bin.global.ts), where the sources' `new URL("./parse-worker-entry.js")`
 * has no file to point at.
 */
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { inject } from "vitest";
import type { StartParseWorker, WorkerLimits } from "../../src/parse-worker/parse-in-worker.js";
import { parserStartedAhead } from "../../src/sync/worker-parser.js";

export const startSourceParseWorker: StartParseWorker = (options) =>
  new Worker(join(inject("deferbotBuildDir"), "src/parse-worker/parse-worker-entry.js"), options);

/** The parser `deferbot sync` and the action make, on the worker of the tsc build. */
export const sourceWorkerParser = (limits: WorkerLimits) =>
  parserStartedAhead(limits, startSourceParseWorker);

export interface StartedWorker {
  worker: Worker;
  /** What the test's `log` held when the worker was started. */
  loggedBefore: number;
  /** The commands the main thread posted to it (`parse`, then `next`). */
  posted: string[];
  exited: boolean;
}

/**
 * `startSourceParseWorker`, recording each worker it starts: when (against the test's `log`
 * of requests), what it was sent, and whether its thread has exited.
 */
export function recordingParseWorkers(log: readonly string[] = []): {
  start: StartParseWorker;
  started: StartedWorker[];
} {
  const started: StartedWorker[] = [];
  const start: StartParseWorker = (options) => {
    const worker = startSourceParseWorker(options);
    const record: StartedWorker = { worker, loggedBefore: log.length, posted: [], exited: false };
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message: unknown, transfer?: never) => {
      record.posted.push(
        typeof message === "string" ? message : (message as { kind: string }).kind,
      );
      post(message, transfer);
    };
    worker.once("exit", () => {
      record.exited = true;
    });
    started.push(record);
    return worker;
  };
  return { start, started };
}
