/**
 * Access to `../shared` (reference material beside the project, absent on a user's machine).
 * Tests that need it call `sharedFile()` and skip with a one-line notice when it is missing.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SHARED_DIR = resolve(projectRoot, "../shared");

/** Absolute path of a file under ../shared, or null (with a notice on stderr) when it is absent. */
export function sharedPath(relative: string, what: string): string | null {
  const path = join(SHARED_DIR, relative);
  if (existsSync(path)) return path;
  process.stderr.write(`skipped: ${what} (../shared/${relative} is not present)\n`);
  return null;
}

/** Whether a file under ../shared is present; a notice on stderr when not (for `it.skipIf`). */
export function hasShared(relative: string, what: string): boolean {
  return sharedPath(relative, what) !== null;
}

export function readShared(relative: string, what: string): string | null {
  const path = sharedPath(relative, what);
  return path === null ? null : readFileSync(path, "utf8");
}

export const PROJECT_ROOT = projectRoot;
