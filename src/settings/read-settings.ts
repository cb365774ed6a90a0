/**
 * The process settings from environment variables (SPEC §6), read by the table in
 * ./env-vars.ts. Every missing or malformed value gives one line naming the variable and what
 * it expects, in the table's order; the token, the secrets and the Redis URL are never repeated
 * in a message.
 *
 * An empty variable counts as unset (a compose file's `PORT=${PORT}` with PORT unset), so an
 * optional one takes its default and a required one is reported missing.
 *
 * HOST defaults to 0.0.0.0, every interface: Gitea delivers from another host or container,
 * and a container's port mapping cannot reach a server bound to localhost (Probot 14's own
 * server defaults to localhost). Every delivery is checked against WEBHOOK_SECRET.
 */
import * as z from "../zod.js";
import { type LogLevel, SETTINGS, type SettingName } from "./env-vars.js";

export {
  ENV_DEFAULTS,
  ENV_VARS,
  type EnvVar,
  HEALTH_PATHS,
  LOG_LEVELS,
  type LogLevel,
  RESERVED_PATHS,
} from "./env-vars.js";

export interface Settings {
  /** Gitea's root URL without a trailing slash, e.g. `https://git.example.com/gitea`. */
  webUrl: string;
  /** `webUrl` + `/api/v1`. */
  apiBaseUrl: string;
  token: string;
  /** Null when not required (`deferbot sync`) and not set. */
  webhookSecret: string | null;
  port: number;
  host: string;
  webhookPath: string;
  logLevel: LogLevel;
  /** Issue writes in flight at once within one sync (each repository syncs one at a time). */
  concurrency: number;
  /** Largest webhook body accepted. */
  webhookMaxBytes: number;
  parseTimeoutMs: number;
  /** The deadline of one Gitea request. */
  requestTimeoutMs: number;
  /** Null: `/metrics` is open. */
  metricsToken: string | null;
  redisUrl: string | null;
  redisLockTtlMs: number;
  /** Null: no periodic full sync. */
  reconcileIntervalMs: number | null;
}

export type ParseEnvResult =
  | { ok: true; settings: Settings }
  /** `error` is `errors` joined with newlines: one line per variable. */
  | { ok: false; error: string; errors: string[] };

type Env = Record<string, string | undefined>;

/** Never quoted back in a message. */
const SECRET: ReadonlySet<SettingName> = new Set([
  "GITEA_TOKEN",
  "WEBHOOK_SECRET",
  "METRICS_TOKEN",
  "REDIS_URL",
]);

const schemas = Object.fromEntries(
  Object.entries(SETTINGS).map(([name, row]) => [name, row.schema]),
) as { [K in SettingName]: (typeof SETTINGS)[K]["schema"] };

const optionalSecret = z.object(schemas);
const requiredSecret = z.extend(optionalSecret, {
  WEBHOOK_SECRET: z
    .string({
      error: "must be set to the secret of the Gitea webhook (Gitea signs every delivery with it)",
    })
    .check(
      z.refine((raw: string) => raw.trim() !== "", {
        message:
          "must be set to the secret of the Gitea webhook (Gitea signs every delivery with it)",
      }),
    ),
});

export function parseEnv(env: Env, options: { requireSecret: boolean }): ParseEnvResult {
  const raw = Object.fromEntries(
    Object.keys(SETTINGS).map((name) => [name, env[name] === "" ? undefined : env[name]]),
  );
  const result = (options.requireSecret ? requiredSecret : optionalSecret).safeParse(raw);
  if (!result.success) {
    const errors = result.error.issues.map((issue) => {
      const name = String(issue.path[0]) as SettingName;
      const value = raw[name] ?? "";
      return `${name} ${issue.message.replaceAll("{value}", SECRET.has(name) ? "(hidden)" : shown(value))}`;
    });
    return { ok: false, error: errors.join("\n"), errors };
  }
  const read = result.data;
  return {
    ok: true,
    settings: {
      ...read.GITEA_URL,
      token: read.GITEA_TOKEN,
      webhookSecret: read.WEBHOOK_SECRET,
      port: read.PORT,
      host: read.HOST,
      webhookPath: read.WEBHOOK_PATH,
      logLevel: read.LOG_LEVEL,
      concurrency: read.DEFERBOT_CONCURRENCY,
      webhookMaxBytes: read.WEBHOOK_MAX_BYTES,
      parseTimeoutMs: read.DEFERBOT_PARSE_TIMEOUT,
      requestTimeoutMs: read.DEFERBOT_REQUEST_TIMEOUT,
      metricsToken: read.METRICS_TOKEN,
      redisUrl: read.REDIS_URL,
      redisLockTtlMs: read.REDIS_LOCK_TTL,
      reconcileIntervalMs: read.DEFERBOT_RECONCILE_INTERVAL,
    },
  };
}

/** The settings for a start-up log line: no token or secret, and the Redis URL without its password. */
export function describeSettings(
  settings: Settings,
): Record<string, string | number | boolean | null> {
  const { token: _token, webhookSecret, metricsToken, redisUrl, ...rest } = settings;
  return {
    ...rest,
    webhookSecret: webhookSecret !== null,
    metricsToken: metricsToken !== null,
    redisUrl: redisUrl === null ? null : withoutPassword(redisUrl),
  };
}

function withoutPassword(href: string): string {
  const url = new URL(href);
  if (url.password) url.password = "***";
  return url.href;
}

/** A value for an error message: quoted, cut to 80 characters. */
function shown(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 79)}…` : value);
}
