/**
 * The parse worker's entry (SPEC §4): waits for the register (a `ParseCommand`), parses it and
 * posts the result (in batches, see `ParseAnswer`). Started by `ParseWorker`; ships beside it
 * (after tsc and in the bundle).
 */
import { parentPort, workerData } from "node:worker_threads";
import { parseRegister } from "../core/document/parse-register.js";
import {
  FINDINGS_PER_MESSAGE,
  type ParseAnswer,
  type ParseCommand,
  type ParseRequest,
  type WorkerStart,
} from "./protocol.js";

/** Two findings in the shape most registers have: a parse of it compiles most of the parser. */
const WARM_UP = `# Deferred Errors

## WU-001: Warm-up finding

- **File:** \`src/warm/index.ts:1\`
- **Error:** The parser has not run yet
- **Category:** Architectural
- **Reason:** It runs once at start.
- **Suggested approach:**
  1. Parse this register
  2. Parse the real one
- **Risk:** Low — internal only

---

## WU-002: Second warm-up finding

- **Error:** See [the first](#wu-001-warm-up-finding)
- **Suggested approach:**
  1. Nothing
- **Risk:** High — none
`;

if ((workerData as WorkerStart | undefined)?.warm) parseRegister(new TextEncoder().encode(WARM_UP));

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
