/**
 * Vitest global setup: one private tsc build of the project for the tests that run the
 * `deferbot` bin from its compiled sources (the npm package's bundle has tests of its own,
 * test/release), removed afterwards. It lives under node_modules/ so the built files resolve
 * the project's dependencies.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { PROJECT_ROOT } from "./shared.js";

declare module "vitest" {
  export interface ProvidedContext {
    deferbotBin: string;
    deferbotBuildDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const outDir = mkdtempSync(join(PROJECT_ROOT, "node_modules/.cache-deferbot-bin-"));
  const tsc = join(PROJECT_ROOT, "node_modules/typescript/bin/tsc");
  try {
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", outDir], {
      cwd: PROJECT_ROOT,
      stdio: "pipe",
    });
  } catch {
    // A type error is the type check's to report; tsc still emits, and the bin tests run.
  }
  project.provide("deferbotBin", join(outDir, "src/cli/main.js"));
  project.provide("deferbotBuildDir", outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
