#!/usr/bin/env node
/**
 * `node scripts/build.mjs [cli|action] [--outdir DIR]`: one esbuild build (scripts/bundle-config.mjs),
 * the output folder emptied first so no stale chunk is left behind. Default: cli (bundle/).
 */
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { actionBuild, cliBuild, ROOT } from "./bundle-config.mjs";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { outdir: { type: "string" } },
});
const which = positionals[0] ?? "cli";
if (which !== "cli" && which !== "action") {
  process.stderr.write(`build: unknown build ${JSON.stringify(which)} (cli or action)\n`);
  process.exit(2);
}
const outdir = values.outdir === undefined ? undefined : resolve(values.outdir);
const options = which === "cli" ? cliBuild(ROOT, outdir) : actionBuild(ROOT, outdir);
rmSync(options.outdir, { recursive: true, force: true });
const result = await build({ ...options, metafile: false });
if (result.errors.length > 0) process.exit(1);
