/** A file of the project, whether the bench runs built (`dist-bench/bench`) or from source. */
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const ROOT = resolve(HERE, basename(resolve(HERE, "..")).startsWith("dist") ? "../.." : "..");

export function projectFile(relative: string): string {
  return join(ROOT, relative);
}
