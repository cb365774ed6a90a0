#!/usr/bin/env node
/**
 * `npm run notices` writes THIRD-PARTY-NOTICES.md: every package esbuild inlined into the npm
 * package's bundle or the action's, read from the builds' metafiles, with the version and
 * licence its installed package.json gives and its licence text. `--check` only compares.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { buildsOf, ROOT } from "./bundle-config.mjs";

export const NOTICES = "THIRD-PARTY-NOTICES.md";

/** `node_modules/a/node_modules/@s/b/lib/x.js` → `node_modules/a/node_modules/@s/b`. */
export function packageDir(input) {
  const match = /^(?:.*\/)?node_modules\/(?:@[^/]+\/)?[^/]+/.exec(input);
  return match === null ? null : match[0];
}

/** The package folders (as package-lock.json names them) that the metafiles' inputs come from. */
export function bundledPackageDirs(metafiles) {
  const dirs = new Set();
  for (const metafile of metafiles)
    for (const input of Object.keys(metafile.inputs)) {
      const dir = packageDir(input);
      if (dir !== null) dirs.add(dir);
    }
  return [...dirs].sort();
}

/** The metafiles of every build, nothing written. */
export async function metafiles(root = ROOT) {
  const results = await Promise.all(
    [...buildsOf("cli", root), ...buildsOf("action", root)].map((options) =>
      build({ ...options, write: false }),
    ),
  );
  return results.map((result) => result.metafile);
}

const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\.(md|txt|markdown))?$/i;

function licenceText(root, dir) {
  const files = readdirSync(join(root, dir))
    .filter((name) => LICENCE_FILE.test(name))
    .sort();
  return files.map((name) => readFileSync(join(root, dir, name), "utf8").trim()).join("\n\n");
}

export function packageInfo(root, dir) {
  const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
  const license =
    typeof manifest.license === "string"
      ? manifest.license
      : (manifest.license?.type ?? "(no licence field)");
  return { dir, name: manifest.name, version: manifest.version, license };
}

export function renderNotices(root, dirs) {
  const infos = dirs.map((dir) => packageInfo(root, dir));
  const lines = [
    "# Third-party notices",
    "",
    "deferbot's npm package (`bundle/`) and its JavaScript action (`action/`) include the code of",
    "the packages below, inlined by esbuild. This file is generated from the builds' metafiles by",
    "`npm run notices` (scripts/notices.mjs); a test keeps it current. Do not edit it by hand.",
    "",
    "| package | version | licence |",
    "| --- | --- | --- |",
    ...infos.map((info) => `| ${info.name} | ${info.version} | ${info.license} |`),
    "",
  ];
  for (const info of infos) {
    const text = licenceText(root, info.dir);
    lines.push(`## ${info.name}@${info.version} (${info.license})`, "");
    lines.push(text === "" ? `No licence file; package.json says ${info.license}.` : "```text");
    if (text !== "") lines.push(text.replaceAll("```", "'''"), "```");
    lines.push("");
  }
  return lines.join("\n");
}

async function main() {
  const text = renderNotices(ROOT, bundledPackageDirs(await metafiles(ROOT)));
  const path = join(ROOT, NOTICES);
  if (process.argv.includes("--check")) {
    if (readFileSync(path, "utf8") !== text) {
      process.stderr.write(`notices: ${NOTICES} is out of date: run npm run notices\n`);
      process.exit(1);
    }
    return;
  }
  writeFileSync(path, text);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
