/**
 * Every environment variable deferbot reads for its process settings (SPEC §6), one row each:
 * its zod schema (from the raw text; an empty variable counts as unset), its default as the
 * guide writes it, the commands that read it and what it means. The operator guide's
 * environment table is checked against this table.
 */
import * as z from "../zod.js";
import { formatDuration, parseDuration } from "./duration.js";
import { normaliseGiteaUrl } from "./gitea-url.js";

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type CommandName = "serve" | "sync" | "action" | "plan" | "check";

export interface EnvVar {
  name: string;
  /** `true`: always; `"serve"`: for `deferbot serve` only; `false`: optional. */
  required: boolean | "serve";
  /** The default as the guide writes it; null: none. */
  default: string | null;
  description: string;
}

/** A row of the table: what the guide documents, and how the value is read. */
export interface SettingVar<S extends z.ZodMiniType = z.ZodMiniType> extends Omit<EnvVar, "name"> {
  /** The commands that read it. */
  commands: readonly CommandName[];
  /** Reads the raw text (undefined when unset); `{value}` in a message stands for the text. */
  schema: S;
}

/** Paths the server answers itself; WEBHOOK_PATH may not be one of them. */
export const HEALTH_PATHS = ["/healthz", "/readyz"] as const;
export const RESERVED_PATHS = [...HEALTH_PATHS, "/metrics"] as const;

export const MAX_CONCURRENCY = 32;
const MIB = 1024 * 1024;

export const ENV_DEFAULTS = {
  port: 3000,
  host: "0.0.0.0",
  webhookPath: "/api/webhook",
  logLevel: "info",
  concurrency: 4,
  webhookMaxBytes: 25 * MIB,
  parseTimeoutMs: 30_000,
  redisLockTtlMs: 60_000,
  requestTimeoutMs: 30_000,
} as const;
const MIN_RECONCILE_INTERVAL_MS = 10 * 60_000;

type Check<T> = (raw: string) => { value: T } | { problem: string };

/** A variable read by a check; `missing` makes it required, with that message when unset. */
function checked<T>(check: Check<T>, missing?: string) {
  return z.pipe(
    z.string(missing ? { error: missing } : undefined),
    z.transform((raw: string, ctx): T => {
      const result = check(raw);
      if ("problem" in result) {
        ctx.issues.push({ code: "custom", message: result.problem, input: raw });
        return z.NEVER;
      }
      return result.value;
    }),
  );
}

function wholeNumber(min: number, max: number, what = "a whole number") {
  const message = `must be ${what} from ${min} to ${max} (got {value})`;
  return z.pipe(
    z.pipe(z.string().check(z.trim(), z.regex(/^\d+$/, message)), z.transform(Number)),
    z.number({ error: message }).check(z.gte(min, message), z.lte(max, message)),
  );
}

/** Unset (or empty): null. */
function orNull<T>(schema: z.ZodMiniType<T, string>) {
  return z.pipe(
    z.optional(schema),
    z.transform((value: T | undefined) => value ?? null),
  );
}

function duration(min: number): Check<number> {
  return (raw) => {
    const ms = parseDuration(raw);
    if (ms === null)
      return {
        problem: "must be a duration such as 30s, 10m or 6h (or milliseconds) (got {value})",
      };
    if (ms < min) return { problem: `must be at least ${formatDuration(min)} (got {value})` };
    return { value: ms };
  };
}

const noWhitespace: Check<string> = (raw) =>
  /\s/.test(raw)
    ? { problem: "must not contain whitespace (check for a stray space or line break)" }
    : { value: raw };

const ALL_ONLINE = ["serve", "sync", "action"] as const;

export const SETTINGS = {
  GITEA_URL: {
    required: true,
    default: null,
    commands: ALL_ONLINE,
    description:
      "Gitea's root URL, e.g. https://git.example.com (a sub-path and a trailing /api/v1 are accepted)",
    schema: checked(
      normaliseGiteaUrl,
      "must be an http(s) URL such as https://git.example.com (it is not set)",
    ),
  },
  GITEA_TOKEN: {
    required: true,
    default: null,
    commands: ALL_ONLINE,
    description: "access token of the bot's Gitea user (scopes: repository and issue read/write)",
    schema: checked(
      (raw) =>
        raw.trim() === "" ? { problem: "must be set to a Gitea access token" } : noWhitespace(raw),
      "must be set to a Gitea access token",
    ),
  },
  WEBHOOK_SECRET: {
    required: "serve",
    default: null,
    commands: ["serve"],
    description:
      "the secret set on the Gitea webhook; every delivery's signature is checked with it",
    schema: z.pipe(
      z.optional(z.string()),
      z.transform((raw) => (raw === undefined || raw.trim() === "" ? null : raw)),
    ),
  },
  PORT: {
    required: false,
    default: String(ENV_DEFAULTS.port),
    commands: ["serve"],
    description: "port the server listens on",
    schema: z._default(wholeNumber(1, 65535), ENV_DEFAULTS.port),
  },
  HOST: {
    required: false,
    default: ENV_DEFAULTS.host,
    commands: ["serve"],
    description: "address the server listens on (0.0.0.0: every interface, as a container needs)",
    schema: z._default(
      checked((raw) => {
        const host = raw.trim().replace(/^\[(.*)\]$/, "$1");
        return /^[A-Za-z0-9.:%_-]+$/.test(host)
          ? { value: host }
          : {
              problem:
                "must be an address or host name such as 0.0.0.0, :: or localhost (got {value})",
            };
      }),
      ENV_DEFAULTS.host,
    ),
  },
  WEBHOOK_PATH: {
    required: false,
    default: ENV_DEFAULTS.webhookPath,
    commands: ["serve"],
    description: `path the webhook deliveries are posted to (not ${RESERVED_PATHS.join(", ")})`,
    schema: z._default(
      checked((raw) => {
        const path = raw.trim();
        if (!/^\/[^\s?#]*$/.test(path))
          return {
            problem:
              "must be a path starting with /, without spaces, ? or #, such as /api/webhook (got {value})",
          };
        if ((RESERVED_PATHS as readonly string[]).includes(path))
          return {
            problem: `must not be ${path} (the server answers ${RESERVED_PATHS.join(", ")} itself)`,
          };
        return { value: path };
      }),
      ENV_DEFAULTS.webhookPath,
    ),
  },
  LOG_LEVEL: {
    required: false,
    default: ENV_DEFAULTS.logLevel,
    commands: ALL_ONLINE,
    description: `log level: ${LOG_LEVELS.join(", ")}`,
    schema: z._default(
      checked<LogLevel>((raw) => {
        const known = LOG_LEVELS.find((level) => level === raw.trim().toLowerCase());
        return known
          ? { value: known }
          : { problem: `must be one of ${LOG_LEVELS.join(", ")} (got {value})` };
      }),
      ENV_DEFAULTS.logLevel,
    ),
  },
  DEFERBOT_CONCURRENCY: {
    required: false,
    default: String(ENV_DEFAULTS.concurrency),
    commands: ALL_ONLINE,
    description: `issue writes in flight at once within one sync (1-${MAX_CONCURRENCY})`,
    schema: z._default(wholeNumber(1, MAX_CONCURRENCY), ENV_DEFAULTS.concurrency),
  },
  WEBHOOK_MAX_BYTES: {
    required: false,
    default: String(ENV_DEFAULTS.webhookMaxBytes),
    commands: ["serve"],
    description: "largest webhook delivery body accepted, in bytes (25 MiB; larger is refused)",
    schema: z._default(
      wholeNumber(1024, 1024 * MIB, "a whole number of bytes"),
      ENV_DEFAULTS.webhookMaxBytes,
    ),
  },
  DEFERBOT_PARSE_TIMEOUT: {
    required: false,
    default: formatDuration(ENV_DEFAULTS.parseTimeoutMs),
    commands: ["serve"],
    description: "longest a register's parse may take before it is reported too complex",
    schema: z._default(checked(duration(1)), ENV_DEFAULTS.parseTimeoutMs),
  },
  DEFERBOT_REQUEST_TIMEOUT: {
    required: false,
    default: formatDuration(ENV_DEFAULTS.requestTimeoutMs),
    commands: ALL_ONLINE,
    description: "longest one request to Gitea may take before it is given up",
    schema: z._default(checked(duration(1)), ENV_DEFAULTS.requestTimeoutMs),
  },
  METRICS_TOKEN: {
    required: false,
    default: null,
    commands: ["serve"],
    description: "when set, /metrics needs Authorization: Bearer <token>",
    schema: orNull(checked(noWhitespace)),
  },
  REDIS_URL: {
    required: false,
    default: null,
    commands: ALL_ONLINE,
    description: "redis:// or rediss:// URL: serialises the syncs of a repository across processes",
    schema: orNull(
      checked((raw) => {
        let url: URL;
        try {
          url = new URL(raw.trim());
        } catch {
          return { problem: "must be a redis:// or rediss:// URL such as redis://redis:6379" };
        }
        return url.protocol === "redis:" || url.protocol === "rediss:"
          ? { value: url.href }
          : { problem: "must be a redis:// or rediss:// URL such as redis://redis:6379" };
      }),
    ),
  },
  REDIS_LOCK_TTL: {
    required: false,
    default: "60s",
    commands: ALL_ONLINE,
    description: "time to live of the per-repository Redis lock, extended while a sync runs",
    schema: z._default(checked(duration(1000)), ENV_DEFAULTS.redisLockTtlMs),
  },
  DEFERBOT_RECONCILE_INTERVAL: {
    required: false,
    default: null,
    commands: ["serve"],
    description: `a full sync of every repository the bot can push to, this often (off when unset; at least ${formatDuration(MIN_RECONCILE_INTERVAL_MS)})`,
    schema: orNull(checked(duration(MIN_RECONCILE_INTERVAL_MS))),
  },
} as const satisfies Record<string, SettingVar>;

export type SettingName = keyof typeof SETTINGS;

/** The table as the guide documents it, in its order. */
export const ENV_VARS: readonly (EnvVar & { commands: readonly CommandName[] })[] = Object.entries(
  SETTINGS,
).map(([name, { schema: _schema, ...row }]) => ({ name, ...row }));
