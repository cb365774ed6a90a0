/**
 * Reads `.gitea/deferbot.yml` (or `.github/deferbot.yml`) from the repository. Probot's
 * `context.config()` cannot do this on Gitea: it expects raw text from the contents API.
 */

import { parseConfigPlainFirst } from "../core/config/parse-config-plain-first.js";
import type { ConfigError } from "../core/config/parse-repo-config.js";
import { CONFIG_PATHS, DEFAULT_CONFIG, type RepoConfig } from "../core/config/repo-config.js";
import { decodeInput } from "../core/document/decode.js";
import type { Forge } from "../port/forge.js";

export interface LoadedConfig {
  config: RepoConfig;
  errors: ConfigError[];
  /** The file the configuration came from, or null for the defaults. */
  path: string | null;
}

export async function loadRepoConfig(forge: Forge, ref: string): Promise<LoadedConfig> {
  // Both paths are asked for at once (one round trip, SPEC §3.4 "Calls"); the first one found wins.
  const first = await forge.readFirstFile(CONFIG_PATHS, ref);
  if (first === null) return { config: DEFAULT_CONFIG, errors: [], path: null };
  const { path, read } = first;
  if (read.kind === "too-large")
    return { config: DEFAULT_CONFIG, errors: [{ key: "(file)", reason: "too large" }], path };
  if (read.kind === "not-a-file")
    return {
      config: DEFAULT_CONFIG,
      errors: [{ key: "(file)", reason: `is a ${read.type}, not a file` }],
      path,
    };
  const text = decodeInput(read.bytes, Number.POSITIVE_INFINITY).text;
  return { ...(await parseConfigPlainFirst(text)), path };
}

/** The configuration read once per process and kept until a push changes it. */
export class ConfigCache {
  #loaded: Promise<LoadedConfig> | null = null;

  constructor(private readonly forge: Forge) {}

  get(ref: string): Promise<LoadedConfig> {
    if (this.#loaded === null) {
      // The repository is read first: while the token cannot see it every path answers 404, and
      // those defaults must not be kept once access is granted.
      const loading = this.forge.repo().then(() => loadRepoConfig(this.forge, ref));
      this.#loaded = loading;
      // Only this read is dropped: one started after an `invalidate` stays.
      loading.catch(() => {
        if (this.#loaded === loading) this.#loaded = null;
      });
    }
    return this.#loaded;
  }

  /** Whether a configuration is kept (or being read): false before the first read, and after `invalidate`. */
  get kept(): boolean {
    return this.#loaded !== null;
  }

  invalidate(): void {
    this.#loaded = null;
  }
}
