/** The esbuild builds of scripts/bundle-config.mjs, written to a temporary folder for a test. */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { afterAll } from "vitest";
import { buildsOf } from "../../scripts/bundle-config.mjs";
import { PROJECT_ROOT } from "../support/shared.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

export interface Built {
  outdir: string;
  metafile: Metafile;
}

/** One fresh build of `which` from `root` (default: this project); the builds' metafiles as one. */
export async function buildBundle(which: "cli" | "action", root = PROJECT_ROOT): Promise<Built> {
  const outdir = tempDir(`deferbot-${which}-`);
  const results = await Promise.all(
    buildsOf(which, root, outdir).map((options) => build({ ...options, logLevel: "silent" })),
  );
  const metafile: Metafile = { inputs: {}, outputs: {} };
  for (const result of results) {
    Object.assign(metafile.inputs, result.metafile?.inputs);
    Object.assign(metafile.outputs, result.metafile?.outputs);
  }
  return { outdir, metafile };
}

/** The files under `dir`, relative, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}
