#!/usr/bin/env node
/**
 * The `deferbot` command line, bundled as CommonJS (bundle/deferbot.cjs, scripts/bundle-config.mjs
 * `launcherBuild`): a Node version check and `--version` answered on their own, and the commander
 * program of ./program.ts for everything else, loaded only then.
 */
import { nodeVersionProblem } from "../node-version.js";
import { VERSION } from "../version.js";

const tooOld = nodeVersionProblem(process.versions.node);
if (tooOld !== null) {
  process.stderr.write(`${tooOld}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  process.stdout.write(`${VERSION}\n`);
} else {
  // No top-level await: CommonJS has none. runProgram sets the exit code itself.
  void import("./program.js").then((program) => program.runProgram(args));
}
