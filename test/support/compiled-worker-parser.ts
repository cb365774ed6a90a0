/**
 * `workerParser` (src/sync/worker-parser.ts) compiled with tsc, for tests that run the server
 * from source: the worker thread runs JavaScript, so the modules it needs are compiled into a
 * folder inside the project (where `node_modules` resolves), keeping their layout so the entry
 * sits beside its caller as after the build and in the bundle.
 */
import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { workerParser as WorkerParser } from "../../src/sync/worker-parser.js";
import { PROJECT_ROOT } from "./shared.js";

const ENTRIES = ["src/sync/worker-parser.ts", "src/parse-worker/parse-worker-entry.ts"];

/** Compiles into `node_modules/.cache/<name>` and imports the compiled `workerParser`. */
export async function compiledWorkerParser(name: string): Promise<typeof WorkerParser> {
  const out = join(PROJECT_ROOT, "node_modules/.cache", name);
  rmSync(out, { recursive: true, force: true });
  execFileSync(
    join(PROJECT_ROOT, "node_modules/.bin/tsc"),
    [
      ...["--ignoreConfig", "--outDir", out, "--rootDir", PROJECT_ROOT, "--skipLibCheck"],
      ...["--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2023"],
      ...["--types", "node", "--verbatimModuleSyntax"],
      ...ENTRIES.map((entry) => join(PROJECT_ROOT, entry)),
    ],
    { cwd: PROJECT_ROOT },
  );
  writeFileSync(join(out, "package.json"), '{ "type": "module" }\n');
  const module = await import(pathToFileURL(join(out, "src/sync/worker-parser.js")).href);
  return module.workerParser;
}
