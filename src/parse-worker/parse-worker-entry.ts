/**
 * The parse worker's entry (SPEC §4): parses the register it is given in `workerData` and
 * posts the result (in batches, see `ParseAnswer`). Started by `parseInWorker`; ships beside it (after tsc and in the bundle).
 */
import { parentPort, workerData } from "node:worker_threads";
import { parseRegister } from "../core/document/parse-register.js";
import { FINDINGS_PER_MESSAGE, type ParseAnswer, type ParseRequest } from "./protocol.js";

const request = workerData as ParseRequest;
const progress = new Int32Array(request.progress);
const { findings, diagnostics } = parseRegister(request.input, {
  ...request.options,
  onSection: (line) => Atomics.store(progress, 0, line),
});
// One batch at a time, the next when the main thread asks (after its event loop has turned).
let from = 0;
const postNext = () => {
  const batch = findings.slice(from, from + FINDINGS_PER_MESSAGE);
  from += FINDINGS_PER_MESSAGE;
  const answer: ParseAnswer =
    batch.length > 0 ? { kind: "findings", findings: batch } : { kind: "done", diagnostics };
  parentPort?.postMessage(answer);
};
parentPort?.on("message", postNext);
postNext();
