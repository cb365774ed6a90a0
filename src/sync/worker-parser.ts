/**
 * The register parsed off the event loop (`deferbot serve`, SPEC §4): a big or hostile
 * document never keeps the server from answering webhooks; past the heap cap or
 * `DEFERBOT_PARSE_TIMEOUT` the answer is the `too-complex` error, and nothing closes.
 */
import { parseInWorker, type WorkerLimits } from "../parse-worker/parse-in-worker.js";
import type { RegisterParser } from "./parse-cache.js";

export function workerParser(limits: WorkerLimits): RegisterParser {
  return (bytes, config) =>
    parseInWorker(
      bytes,
      {
        idPattern: config.idPattern,
        fieldAliases: config.fieldAliases,
        riskLevels: config.riskLevels,
        maxBytes: config.maxBytes,
      },
      limits,
    );
}
