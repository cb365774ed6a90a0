#!/usr/bin/env node
/**
 * The `deferbot` command line: a Node version check, `--version` answered on its own, and the
 * commander program of ./program.ts for everything else (loaded only then).
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
  await (await import("./program.js")).runProgram(args);
}
