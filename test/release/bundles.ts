/** The esbuild builds of scripts/bundle-config.mjs, written to a temporary folder for a test. */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { afterAll } from "vitest";
import { actionBuild, cliBuild } from "../../scripts/bundle-config.mjs";
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

/** One fresh build of `which` from `root` (default: this project). */
export async function buildBundle(which: "cli" | "action", root = PROJECT_ROOT): Promise<Built> {
  const outdir = tempDir(`deferbot-${which}-`);
  const options = which === "cli" ? cliBuild(root, outdir) : actionBuild(root, outdir);
  const result = await build({ ...options, logLevel: "silent" });
  return { outdir, metafile: result.metafile as Metafile };
}

/** The files under `dir`, relative, sorted. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}
