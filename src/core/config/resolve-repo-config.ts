/** A configuration the schema accepted, every key it leaves out filled from the defaults. */
import { DEFAULT_CONFIG, type RepoConfig } from "./repo-config.js";
import type { RepoConfigInput } from "./repo-config-schema.js";

export function resolveRepoConfig(input: RepoConfigInput): RepoConfig {
  const defined = Object.fromEntries(
    Object.entries(input).filter(([, value]) => value !== undefined),
  ) as Partial<RepoConfigInput>;
  return {
    ...DEFAULT_CONFIG,
    ...defined,
    riskLevels: (input.riskLevels ?? DEFAULT_CONFIG.riskLevels).map((level) => level.toLowerCase()),
    labels: {
      bot: input.labels?.bot ?? DEFAULT_CONFIG.labels.bot,
      risk: input.labels?.risk ?? DEFAULT_CONFIG.labels.risk,
      category: input.labels?.category ?? DEFAULT_CONFIG.labels.category,
    },
    fieldAliases: Object.fromEntries(
      Object.entries(input.fieldAliases ?? {}).filter(([, labels]) => labels !== undefined),
    ),
  };
}
