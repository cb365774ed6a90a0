/**
 * The register parsed off the event loop (SPEC §4): a big or hostile document never keeps the
 * server from answering webhooks; past the heap cap or `DEFERBOT_PARSE_TIMEOUT` the answer is
 * the `too-complex` error, and nothing closes. `deferbot serve` starts a worker per parse;
 * `deferbot sync` and the action start theirs ahead, beside their first round trips.
 */
import type { RepoConfig } from "../core/config/repo-config.js";
import {
  ParseWorker,
  parseInWorker,
  type StartParseWorker,
  startParseWorker,
  type WorkerLimits,
} from "../parse-worker/parse-in-worker.js";
import type { WorkerParseOptions } from "../parse-worker/protocol.js";
import type { RegisterParser } from "./parse-cache.js";

export function workerParser(
  limits: WorkerLimits,
  start: StartParseWorker = startParseWorker,
): RegisterParser {
  return (bytes, config) => parseInWorker(bytes, workerOptions(config), limits, start);
}

/**
 * For a one-shot run: the worker is started now, so its boot and the parser's compilation
 * overlap the round trips before the register arrives, and takes the first parse; a later
 * parse, or one after that worker died, gets a worker of its own. `close` stops the worker
 * if it is still waiting (a run that never parsed) and resolves once every thread is gone.
 */
export function parserStartedAhead(
  limits: WorkerLimits,
  start: StartParseWorker = startParseWorker,
): RegisterParser & { close(): Promise<void> } {
  let ahead: ParseWorker | undefined = new ParseWorker(limits.maxHeapMb, start);
  const exiting = new Set<Promise<void>>();
  const parse: RegisterParser = (bytes, config) => {
    const taken = ahead;
    ahead = undefined;
    const worker = taken?.ready ? taken : new ParseWorker(limits.maxHeapMb, start);
    if (worker !== taken) void taken?.terminate();
    const parsed = worker.parse(bytes, workerOptions(config), limits.timeoutMs);
    const exited = parsed.then(() => worker.terminate());
    exiting.add(exited);
    void exited.then(() => exiting.delete(exited));
    return parsed;
  };
  const close = async () => {
    const idle = ahead;
    ahead = undefined;
    await Promise.all([idle?.terminate(), ...exiting]);
  };
  return Object.assign(parse, { close });
}

function workerOptions(config: RepoConfig): WorkerParseOptions {
  return {
    idPattern: config.idPattern,
    fieldAliases: config.fieldAliases,
    riskLevels: config.riskLevels,
    maxBytes: config.maxBytes,
  };
}
