/**
 * The JavaScript action's entry (action.yml `main`, bundled to action/index.js). The Node check
 * comes first, before the rest is imported: the job container's own `node` runs this file.
 */
import { nodeVersionProblem } from "../node-version.js";

const tooOld = nodeVersionProblem(process.versions.node, "deferbot action");
if (tooOld !== null) {
  process.stderr.write(
    `${tooOld}; the job's image runs this action with its own node: use an image with Node 20.19 or later\n`,
  );
  process.exitCode = 2;
} else {
  const { runActionStep } = await import("./action-io.js");
  process.exitCode = await runActionStep({
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
