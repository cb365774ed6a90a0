/**
 * The schema of `.gitea/deferbot.yml` (SPEC §6): every key optional, unknown keys rejected so a
 * typo is reported instead of silently ignored. Values are checked here; defaults are filled in
 * by the parser.
 */
import * as z from "../../zod.js";
import { DEFAULT_MAX_BYTES, type FieldKey } from "../document/types.js";
import { ISSUE_FIELD_KEYS, type IssueFieldKey } from "../issue-fields/keys.js";
import { idPatternProblem } from "./id-pattern-problem.js";
import { DEFAULT_DASHBOARD } from "./repo-config.js";

export const MAX_CREATES_LIMIT = 5000;
export const TITLE_PLACEHOLDERS = ["{id}", "{title}"];
const FIELD_KEYS: readonly (FieldKey | IssueFieldKey)[] = [
  "file",
  "error",
  "category",
  "reason",
  "approach",
  "risk",
  ...ISSUE_FIELD_KEYS,
];

/** A check that returns what is wrong, or null. */
type Check<T> = (value: T) => string | null;

function checked<T extends z.ZodMiniType>(schema: T, check: Check<z.output<T>>): T {
  return schema.check(
    z.superRefine((value: z.output<T>, ctx) => {
      const problem = check(value);
      if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
    }),
  ) as T;
}

const text = (expected: string) =>
  z
    .string({ error: `must be ${expected}` })
    .check(z.trim(), z.minLength(1, { error: "must not be empty", abort: true }));

/** A whole number from 1 (to `max`), every problem told with `error`. */
const positiveInteger = (error: string, max?: { value: number; error: string }) =>
  z
    .int({ error })
    .check(
      z.gte(1, { error }),
      ...(max === undefined ? [] : [z.lte(max.value, { error: max.error })]),
    );
const flag = z.boolean({ error: "must be true or false" });

export function documentPathProblem(path: string): string | null {
  if (path.startsWith("/")) return "must be a path inside the repository, without a leading /";
  if (path.includes("\\")) return "must use / between folders";
  if (path.endsWith("/")) return "must name a file, not a folder";
  if ([...path].some((char) => char < " ")) return "must not contain control characters";
  const segments = path.split("/");
  if (segments.some((segment) => segment === "" || segment === "." || segment === ".."))
    return "must not contain empty, . or .. segments";
  return null;
}

export function titleProblem(template: string): string | null {
  if (!template.includes("{id}")) return "must contain {id}";
  const unknown = (template.match(/\{[^{}]*\}/g) ?? []).filter(
    (placeholder) => !TITLE_PLACEHOLDERS.includes(placeholder),
  );
  if (unknown.length > 0)
    return `has unknown placeholder ${unknown[0]} (known: ${TITLE_PLACEHOLDERS.join(", ")})`;
  return null;
}

const label = checked(text("a label as written before the colon, such as Impact"), (value) =>
  /[:\n]/.test(value) ? "must be a label without a colon or line break" : null,
);

const riskLevel = checked(text("a single word such as high"), (value) =>
  /\s/.test(value) ? "must be a single word without spaces" : null,
);

const fieldAliases = z.strictObject(
  Object.fromEntries(
    FIELD_KEYS.map((key) => [
      key,
      z.optional(z.array(label, { error: "must be a list of labels" })),
    ]),
  ) as Record<FieldKey | IssueFieldKey, z.ZodMiniOptional<z.ZodMiniArray<typeof label>>>,
  { error: `must be a map from a field (${FIELD_KEYS.join(", ")}) to a list of labels` },
);

/** `dashboard: true | false | { title, maxRows }` (SPEC §8), resolved here to one shape. */
const dashboard = z.pipe(
  z.union(
    [
      flag,
      z.strictObject(
        {
          title: z.optional(
            checked(text("an issue title"), (value) =>
              value.length > 255 ? "must be at most 255 characters" : null,
            ),
          ),
          maxRows: z.optional(positiveInteger("must be a positive integer")),
        },
        { error: "must be true, false or a map with title and maxRows" },
      ),
    ],
    { error: "must be true, false or a map with title and maxRows" },
  ),
  z.transform((value: boolean | { title?: string; maxRows?: number }) =>
    value === false
      ? (false as const)
      : {
          title: (value === true ? undefined : value.title) ?? DEFAULT_DASHBOARD.title,
          maxRows: (value === true ? undefined : value.maxRows) ?? DEFAULT_DASHBOARD.maxRows,
        },
  ),
);

export const repoConfigSchema = z.strictObject({
  document: z.optional(
    checked(text("a path such as docs/deferred-errors.md"), documentPathProblem),
  ),
  idPattern: z.optional(
    checked(text("a regular expression such as [A-Z]+-\\d+"), idPatternProblem),
  ),
  fieldAliases: z.optional(fieldAliases),
  riskLevels: z.optional(
    checked(
      z
        .array(riskLevel, { error: "must be a list of words such as [critical, high, low]" })
        .check(z.minLength(1, { error: "must list at least one level" })),
      (levels) => {
        const lower = levels.map((level) => level.toLowerCase());
        const twice = lower.find((level, index) => lower.indexOf(level) !== index);
        return twice === undefined ? null : `lists ${twice} twice`;
      },
    ),
  ),
  labels: z.optional(
    z.strictObject(
      {
        bot: z.optional(
          checked(text("a label name such as deferred-error"), (value) =>
            value.length > 255 ? "must be at most 255 characters" : null,
          ),
        ),
        risk: z.optional(flag),
        category: z.optional(flag),
      },
      { error: "must be a map with bot, risk and category" },
    ),
  ),
  title: z.optional(checked(text("a template such as {id}: {title}"), titleProblem)),
  maxCreates: z.optional(
    positiveInteger("must be a positive integer", {
      value: MAX_CREATES_LIMIT,
      error: `must be at most ${MAX_CREATES_LIMIT}`,
    }),
  ),
  commandPrefix: z.optional(
    checked(text("a word starting with /, such as /deferbot"), (value) =>
      /^\/\S+$/.test(value) ? null : "must start with / and contain no spaces, such as /deferbot",
    ),
  ),
  closeRemoved: z.optional(flag),
  reopenReadded: z.optional(flag),
  mentions: z.optional(flag),
  references: z.optional(flag),
  maxBytes: z.optional(
    positiveInteger("must be a positive integer (bytes)", {
      value: DEFAULT_MAX_BYTES,
      error: `must be at most ${DEFAULT_MAX_BYTES} (10 MiB, where Gitea's contents API stops)`,
    }),
  ),
  dashboard: z.optional(dashboard),
});

export type RepoConfigInput = z.output<typeof repoConfigSchema>;
export const REPO_CONFIG_KEYS = Object.keys(repoConfigSchema.shape);

/** The keys each map of the file accepts, by the map's key path ("" for the top). */
export const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  "": REPO_CONFIG_KEYS,
  labels: ["bot", "risk", "category"],
  fieldAliases: FIELD_KEYS,
  dashboard: ["title", "maxRows"],
};
