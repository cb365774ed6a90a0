#!/usr/bin/env node
/**
 * `node scripts/build.mjs [cli|action] [--outdir DIR]`: the esbuild builds of one output folder
 * (scripts/bundle-config.mjs), emptied first so no stale chunk is left behind. Default: cli (bundle/).
 */
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { buildsOf, ROOT } from "./bundle-config.mjs";

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
const builds = buildsOf(which, ROOT, outdir);
rmSync(builds[0].outdir, { recursive: true, force: true });
const results = await Promise.all(builds.map((options) => build({ ...options, metafile: false })));
if (results.some((result) => result.errors.length > 0)) process.exit(1);
