/**
 * The configuration's parser for every reader. A file in the plain shape (./plain-yaml.ts) that
 * the schema accepts is read without yaml's code, which costs a one-shot `deferbot sync` more
 * to load (~0.3 MB) than the rest of its configuration handling; any other file, and every file
 * with a mistake, is read by ./parse-repo-config.ts, so errors are always yaml's and told with
 * their lines.
 */
import type { ConfigError } from "./parse-repo-config.js";
import { NOT_PLAIN, parsePlainYaml } from "./plain-yaml.js";
import { DEFAULT_CONFIG, type RepoConfig } from "./repo-config.js";
import { repoConfigSchema } from "./repo-config-schema.js";
import { resolveRepoConfig } from "./resolve-repo-config.js";

export async function parseConfigPlainFirst(
  text: string,
): Promise<{ config: RepoConfig; errors: ConfigError[] }> {
  const plain = plainRepoConfig(text);
  if (plain !== null) return { config: plain, errors: [] };
  const { parseRepoConfig } = await import("./parse-repo-config.js");
  return parseRepoConfig(text);
}

/** The configuration of a plain file the schema accepts; null for any other file. */
export function plainRepoConfig(text: string): RepoConfig | null {
  const value = parsePlainYaml(text);
  if (value === NOT_PLAIN) return null;
  if (value === null) return DEFAULT_CONFIG;
  const result = repoConfigSchema.safeParse(value);
  return result.success ? resolveRepoConfig(result.data) : null;
}
