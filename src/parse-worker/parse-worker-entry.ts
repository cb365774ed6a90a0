/**
 * The parse worker's entry (SPEC §4): waits for the register (a `ParseCommand`), parses it and
 * posts the result (in batches, see `ParseAnswer`). Started by `ParseWorker`; ships beside it
 * (after tsc and in the bundle).
 */
import { parentPort } from "node:worker_threads";
import { parseRegister } from "../core/document/parse-register.js";
import {
  FINDINGS_PER_MESSAGE,
  type ParseAnswer,
  type ParseCommand,
  type ParseRequest,
} from "./protocol.js";

let postNext: (() => void) | undefined;

parentPort?.on("message", (command: ParseCommand) => {
  if (command !== "next") postNext ??= parse(command.request);
  postNext?.();
});

/** Parses `request`; the batches of its answer are posted one per call, the next when asked. */
function parse(request: ParseRequest): () => void {
  const progress = new Int32Array(request.progress);
  const { findings, diagnostics } = parseRegister(request.input, {
    ...request.options,
    onSection: (line) => Atomics.store(progress, 0, line),
  });
  let from = 0;
  return () => {
    const batch = findings.slice(from, from + FINDINGS_PER_MESSAGE);
    from += FINDINGS_PER_MESSAGE;
    const answer: ParseAnswer =
      batch.length > 0 ? { kind: "findings", findings: batch } : { kind: "done", diagnostics };
    parentPort?.postMessage(answer);
  };
}
