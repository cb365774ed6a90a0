/**
 * `.gitea/deferbot.yml` read into a RepoConfig. A file with any error yields the defaults and
 * the errors: the bot uses nothing from a bad file rather than half of it (SPEC §6).
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type * as z from "../../zod.js";
import { DEFAULT_CONFIG, type RepoConfig } from "./repo-config.js";
import { KNOWN_KEYS, REPO_CONFIG_KEYS, repoConfigSchema } from "./repo-config-schema.js";
import { resolveRepoConfig } from "./resolve-repo-config.js";

export { formatConfigErrors } from "./format-config-errors.js";
export { CONFIG_PATHS } from "./repo-config.js";

export type ConfigErrorCode =
  | "config-yaml"
  | "config-not-a-map"
  | "config-unknown-key"
  | "config-invalid-value"
  | "config-unreadable";

export interface ConfigError {
  /** The key as a path (`labels.bot`, `riskLevels[1]`), or `(file)` for the file as a whole. */
  key: string;
  reason: string;
  /** 1-based line in the file, where known. */
  line?: number;
  /** 1-based column in the file, where known. */
  column?: number;
  /** What kind of mistake; absent means `config-unreadable` (the file could not be read). */
  code?: ConfigErrorCode;
}

export const FILE_KEY = "(file)";

export function parseRepoConfig(text: string): { config: RepoConfig; errors: ConfigError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      config: DEFAULT_CONFIG,
      errors: doc.errors.map((error) => ({
        key: FILE_KEY,
        code: "config-yaml" as const,
        reason: `invalid YAML: ${yamlReason(error.message)}`,
        ...(error.linePos ? { line: error.linePos[0].line, column: error.linePos[0].col } : {}),
      })),
    };
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    return { config: DEFAULT_CONFIG, errors: [] };
  }
  if (!isMap(root)) {
    return {
      config: DEFAULT_CONFIG,
      errors: [
        {
          key: FILE_KEY,
          code: "config-not-a-map",
          reason: `must be a map of keys (${REPO_CONFIG_KEYS.join(", ")})`,
          ...lineOf(root, lineCounter),
        },
      ],
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // yaml throws when aliases expand past maxAliasCount (a "billion laughs" file).
    return {
      config: DEFAULT_CONFIG,
      errors: [
        {
          key: FILE_KEY,
          code: "config-yaml",
          reason: `invalid YAML: ${(error as Error).message}`,
          ...lineOf(root, lineCounter),
        },
      ],
    };
  }
  const result = repoConfigSchema.safeParse(value);
  if (!result.success) {
    const errors = result.error.issues
      .flatMap((issue) => toConfigErrors(issue, root, lineCounter))
      // In the file's order: zod reports refinements after the type checks.
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    return { config: DEFAULT_CONFIG, errors };
  }
  return { config: resolveRepoConfig(result.data), errors: [] };
}

function toConfigErrors(
  issue: z.core.$ZodIssue,
  root: Node,
  lineCounter: LineCounter,
): ConfigError[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      const known = KNOWN_KEYS[keyName(issue.path)] ?? [];
      const suggestion = closest(key, known);
      return {
        key: keyName(path),
        code: "config-unknown-key",
        reason: suggestion
          ? `is not a known key (did you mean ${suggestion}?)`
          : `is not a known key (known: ${known.join(", ")})`,
        ...lineOf(find(root, path), lineCounter),
      };
    });
  }
  return [
    {
      key: keyName(issue.path),
      code: "config-invalid-value",
      reason: issue.message,
      ...lineOf(find(root, issue.path), lineCounter),
    },
  ];
}

/** `labels.bot`, `riskLevels[1]`. */
function keyName(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) =>
      typeof segment === "number" ? `[${segment}]` : `${index > 0 ? "." : ""}${String(segment)}`,
    )
    .join("");
}

/** The node a path names: a map entry's key (so the line is the key's), a list's item. */
function find(root: Node, path: readonly PropertyKey[]): Node {
  let node: Node = root;
  for (const [index, segment] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
      if (!pair) return node;
      if (index === path.length - 1 || !pair.value) return pair.key as Node;
      node = pair.value as Node;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (!item) return node;
      node = item as Node;
    } else {
      return node;
    }
  }
  return node;
}

function lineOf(node: Node, lineCounter: LineCounter): { line?: number; column?: number } {
  const offset = node.range?.[0];
  if (offset === undefined) return {};
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** yaml's first message line without its ` at line N, column M:` tail (the line is kept apart). */
function yamlReason(message: string): string {
  const first = message.split("\n")[0] ?? message;
  return first.replace(/ at line \d+, column \d+:?$/, "");
}

/** A known key one or two edits away (or differing only in case), to suggest for a typo. */
function closest(key: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance =
      candidate.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
