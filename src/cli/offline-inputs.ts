/**
 * What `deferbot plan` and `deferbot check` read from disk: a configuration file (parsed with
 * the bot's own parser, so its every mistake is reported the same way) and a register.
 */
import { readFile } from "node:fs/promises";
import type { ConfigError } from "../core/config/parse-repo-config.js";
import { CONFIG_PATHS, DEFAULT_CONFIG, type RepoConfig } from "../core/config/repo-config.js";

export type ReadBytes = (path: string) => Promise<Uint8Array>;

export interface OfflineConfig {
  config: RepoConfig;
  errors: ConfigError[];
  /** The file read, or null for the defaults. */
  path: string | null;
}

/**
 * `path` given: that file, which must be readable. Not given and `lookUp`: the first of
 * `.gitea/deferbot.yml`, `.github/deferbot.yml` in the working directory, else the defaults.
 */
export async function readConfigFile(
  path: string | undefined,
  options: { lookUp: boolean; read?: ReadBytes },
): Promise<{ ok: true; value: OfflineConfig } | { ok: false; error: string }> {
  const read = options.read ?? readFile;
  const candidates = path !== undefined ? [path] : options.lookUp ? CONFIG_PATHS : [];
  for (const candidate of candidates) {
    let bytes: Uint8Array;
    try {
      bytes = await read(candidate);
    } catch (error) {
      if (path === undefined && codeOf(error) === "ENOENT") continue;
      return { ok: false, error: `cannot read ${candidate}: ${readErrorText(error)}` };
    }
    // The parser (the schema, and yaml for a file outside the plain shape) loads only when
    // there is a file to parse.
    const { parseConfigPlainFirst } = await import("../core/config/parse-config-plain-first.js");
    const parsed = await parseConfigPlainFirst(new TextDecoder().decode(bytes));
    return { ok: true, value: { ...parsed, path: candidate } };
  }
  return { ok: true, value: { config: DEFAULT_CONFIG, errors: [], path: null } };
}

export async function readRegisterFile(
  path: string,
  read: ReadBytes = readFile,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; error: string }> {
  try {
    return { ok: true, bytes: await read(path) };
  } catch (error) {
    return { ok: false, error: `cannot read ${path}: ${readErrorText(error)}` };
  }
}

function codeOf(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

function readErrorText(error: unknown): string {
  const code = codeOf(error);
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES") return "permission denied";
  return error instanceof Error ? error.message : String(error);
}
