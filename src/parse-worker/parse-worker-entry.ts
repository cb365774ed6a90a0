/**
 * The parse worker's entry (SPEC §4): parses the register it is given in `workerData` and
 * posts the result. Started by `parseInWorker`; ships beside it (after tsc and in the bundle).
 */
import { parentPort, workerData } from "node:worker_threads";
import { parseRegister } from "../core/document/parse-register.js";
import type { ParseAnswer, ParseRequest } from "./protocol.js";

const request = workerData as ParseRequest;
const progress = new Int32Array(request.progress);
const answer: ParseAnswer = parseRegister(request.input, {
  ...request.options,
  onSection: (line) => Atomics.store(progress, 0, line),
});
parentPort?.postMessage(answer);
