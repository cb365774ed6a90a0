/**
 * The settings of `deferbot action` from a Gitea Actions job's environment. act_runner sets the
 * GitHub-compatible variables (`GITHUB_EVENT_NAME`, `GITHUB_EVENT_PATH`, `GITHUB_SERVER_URL`, …)
 * plus `GITEA_ACTIONS=true`; the bot user's token comes from a repository secret.
 *
 * The token is read from `DEFERBOT_TOKEN` first: Gitea refuses secret names starting with
 * `GITEA_` or `GITHUB_`, and `GITEA_TOKEN`/`GITHUB_TOKEN` are the names of the job's automatic
 * token, which acts as another user (`gitea-actions`).
 */
import { type EnvVar, parseEnv, type Settings } from "../settings/read-settings.js";

type Env = Record<string, string | undefined>;

/** The variables `deferbot action` reads besides those of every mode (GITEA_URL, LOG_LEVEL, …). */
export const ACTION_ENV_VARS: readonly EnvVar[] = [
  {
    name: "DEFERBOT_TOKEN",
    required: false,
    default: null,
    description:
      "deferbot action: the bot user's token from a repository secret; preferred over GITEA_TOKEN",
  },
  {
    name: "GITHUB_EVENT_NAME",
    required: false,
    default: null,
    description: "deferbot action: the workflow's event (set by the runner)",
  },
  {
    name: "GITHUB_EVENT_PATH",
    required: false,
    default: null,
    description: "deferbot action: the file holding the event payload (set by the runner)",
  },
  {
    name: "GITHUB_REPOSITORY",
    required: false,
    default: null,
    description:
      "deferbot action: the workflow's repository (set by the runner); schedule and workflow_dispatch runs sync it",
  },
  {
    name: "GITHUB_SERVER_URL",
    required: false,
    default: null,
    description: "deferbot action: Gitea's URL as the runner knows it; GITEA_URL overrides it",
  },
];

export interface ActionSettings {
  eventName: string;
  eventPath: string;
  /** `owner/name` of the workflow's repository (`GITHUB_REPOSITORY`), when set. */
  repository: string | null;
  settings: Settings;
  /** The variable the token was read from, for messages. */
  tokenFrom: "DEFERBOT_TOKEN" | "GITEA_TOKEN";
  /** The variable Gitea's URL was read from, for messages. */
  urlFrom: "GITEA_URL" | "GITHUB_SERVER_URL";
}

export type ReadActionEnvResult =
  | { ok: true; value: ActionSettings }
  | { ok: false; errors: string[] };

export function readActionEnv(env: Env): ReadActionEnvResult {
  const errors: string[] = [];
  const eventName = get(env, "GITHUB_EVENT_NAME");
  if (eventName === undefined)
    errors.push(
      "GITHUB_EVENT_NAME is not set: deferbot action runs as a step of a Gitea Actions job, whose runner sets it",
    );
  const eventPath = get(env, "GITHUB_EVENT_PATH");
  if (eventPath === undefined)
    errors.push(
      "GITHUB_EVENT_PATH is not set: deferbot action runs as a step of a Gitea Actions job, whose runner sets it",
    );

  const urlFrom = get(env, "GITEA_URL") !== undefined ? "GITEA_URL" : "GITHUB_SERVER_URL";
  const tokenFrom = get(env, "DEFERBOT_TOKEN") !== undefined ? "DEFERBOT_TOKEN" : "GITEA_TOKEN";
  const url = get(env, urlFrom);
  const token = get(env, tokenFrom);
  if (url === undefined)
    errors.push(
      "GITEA_URL or GITHUB_SERVER_URL must be set to Gitea's URL (the runner sets GITHUB_SERVER_URL)",
    );
  if (token === undefined)
    errors.push(
      "DEFERBOT_TOKEN must be set to the bot user's token, from a repository secret passed to the step's env",
    );

  const parsed = parseEnv(
    {
      ...env,
      GITEA_URL: url ?? "http://unset.invalid",
      GITEA_TOKEN: token ?? "unset",
    },
    { requireSecret: false },
  );
  if (!parsed.ok)
    errors.push(...parsed.errors.map((line) => renamed(line, { urlFrom, tokenFrom })));
  if (!parsed.ok || eventName === undefined || eventPath === undefined || errors.length > 0)
    return { ok: false, errors };
  return {
    ok: true,
    value: {
      eventName,
      eventPath,
      repository: get(env, "GITHUB_REPOSITORY") ?? null,
      settings: parsed.settings,
      tokenFrom,
      urlFrom,
    },
  };
}

/** A message about GITEA_URL or GITEA_TOKEN, naming the variable the value really came from. */
export function renamed(line: string, from: Pick<ActionSettings, "tokenFrom" | "urlFrom">): string {
  return line
    .replaceAll(/\bGITEA_URL\b/g, from.urlFrom)
    .replaceAll(/\bGITEA_TOKEN\b/g, from.tokenFrom);
}

function get(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}
