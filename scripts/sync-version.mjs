#!/usr/bin/env node
/** `npm version` hook: writes package.json's version into src/version.ts (the bundle's constant). */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./bundle-config.mjs";

const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
const path = join(ROOT, "src/version.ts");
const text = readFileSync(path, "utf8");
const updated = text.replace(
  /export const VERSION = "[^"]*";/,
  `export const VERSION = "${version}";`,
);
if (updated === text && !text.includes(`"${version}"`)) {
  process.stderr.write("sync-version: no VERSION constant in src/version.ts\n");
  process.exit(1);
}
writeFileSync(path, updated);
