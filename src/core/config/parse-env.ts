/**
 * The process settings from environment variables (SPEC §6). Every missing or malformed value
 * gives one line naming the variable and what it expects; the token and the secret are never
 * repeated in a message.
 *
 * An empty variable counts as unset (a compose file's `PORT=${PORT}` with PORT unset), so an
 * optional one takes its default and a required one is reported missing.
 *
 * HOST defaults to 0.0.0.0, every interface: Gitea delivers from another host or container,
 * and a container's port mapping cannot reach a server bound to localhost (Probot 14's own
 * server defaults to localhost). Every delivery is checked against WEBHOOK_SECRET.
 */

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

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
}

export type ParseEnvResult =
  | { ok: true; settings: Settings }
  /** `error` is `errors` joined with newlines: one line per variable. */
  | { ok: false; error: string; errors: string[] };

export interface EnvVar {
  name: string;
  /** `true`: always; `"serve"`: for `deferbot serve` only; `false`: has a default. */
  required: boolean | "serve";
  default: string | null;
  description: string;
}

export const HEALTH_PATHS = ["/healthz", "/readyz"];

export const ENV_DEFAULTS = {
  port: 3000,
  host: "0.0.0.0",
  webhookPath: "/api/webhook",
  logLevel: "info",
  concurrency: 4,
} as const satisfies Partial<Settings>;
const MAX_CONCURRENCY = 32;

export const ENV_VARS: readonly EnvVar[] = [
  {
    name: "GITEA_URL",
    required: true,
    default: null,
    description:
      "Gitea's root URL, e.g. https://git.example.com (a sub-path and a trailing /api/v1 are accepted)",
  },
  {
    name: "GITEA_TOKEN",
    required: true,
    default: null,
    description: "access token of the bot's Gitea user (scopes: repository and issue read/write)",
  },
  {
    name: "WEBHOOK_SECRET",
    required: "serve",
    default: null,
    description:
      "the secret set on the Gitea webhook; every delivery's signature is checked with it",
  },
  {
    name: "PORT",
    required: false,
    default: String(ENV_DEFAULTS.port),
    description: "port the server listens on",
  },
  {
    name: "HOST",
    required: false,
    default: ENV_DEFAULTS.host,
    description: "address the server listens on (0.0.0.0: every interface, as a container needs)",
  },
  {
    name: "WEBHOOK_PATH",
    required: false,
    default: ENV_DEFAULTS.webhookPath,
    description: "path the webhook deliveries are posted to",
  },
  {
    name: "LOG_LEVEL",
    required: false,
    default: ENV_DEFAULTS.logLevel,
    description: `log level: ${LOG_LEVELS.join(", ")}`,
  },
  {
    name: "DEFERBOT_CONCURRENCY",
    required: false,
    default: String(ENV_DEFAULTS.concurrency),
    description: `issue writes in flight at once within one sync (1-${MAX_CONCURRENCY})`,
  },
];

type Env = Record<string, string | undefined>;

export function parseEnv(env: Env, options: { requireSecret: boolean }): ParseEnvResult {
  const read = {
    url: readGiteaUrl(get(env, "GITEA_URL")),
    token: readToken(get(env, "GITEA_TOKEN")),
    webhookSecret: readSecret(get(env, "WEBHOOK_SECRET"), options.requireSecret),
    port: readInteger("PORT", get(env, "PORT"), ENV_DEFAULTS.port, 1, 65535),
    host: readHost(get(env, "HOST")),
    webhookPath: readWebhookPath(get(env, "WEBHOOK_PATH")),
    logLevel: readLogLevel(get(env, "LOG_LEVEL")),
    concurrency: readInteger(
      "DEFERBOT_CONCURRENCY",
      get(env, "DEFERBOT_CONCURRENCY"),
      ENV_DEFAULTS.concurrency,
      1,
      MAX_CONCURRENCY,
    ),
  };
  const errors = Object.values(read).flatMap((result) => ("error" in result ? [result.error] : []));
  // Every check is spelled out so TypeScript narrows each result to its value below.
  if (
    "error" in read.url ||
    "error" in read.token ||
    "error" in read.webhookSecret ||
    "error" in read.port ||
    "error" in read.host ||
    "error" in read.webhookPath ||
    "error" in read.logLevel ||
    "error" in read.concurrency
  ) {
    return { ok: false, error: errors.join("\n"), errors };
  }
  return {
    ok: true,
    settings: {
      ...read.url.value,
      token: read.token.value,
      webhookSecret: read.webhookSecret.value,
      port: read.port.value,
      host: read.host.value,
      webhookPath: read.webhookPath.value,
      logLevel: read.logLevel.value,
      concurrency: read.concurrency.value,
    },
  };
}

/** The settings for a start-up log line: everything but the token and the secret. */
export function describeSettings(settings: Settings): Record<string, string | number | boolean> {
  const { token: _token, webhookSecret, ...rest } = settings;
  return { ...rest, webhookSecret: webhookSecret !== null };
}

function get(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

/** A value for an error message: quoted, cut to 80 characters. */
function shown(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 79)}…` : value);
}

type Read<T> = { value: T } | { error: string };

function readGiteaUrl(raw: string | undefined): Read<{ webUrl: string; apiBaseUrl: string }> {
  const expected = "GITEA_URL must be an http(s) URL such as https://git.example.com";
  if (raw === undefined) return { error: `${expected} (it is not set)` };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { error: `${expected} (got ${shown(raw)})` };
  }
  if (url.username || url.password) {
    return {
      error: "GITEA_URL must not contain a user name or password (put the token in GITEA_TOKEN)",
    };
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) {
    return { error: `${expected} (got ${shown(raw)})` };
  }
  if (url.search || url.hash) {
    return { error: `GITEA_URL must not have a query or fragment (got ${shown(raw)})` };
  }
  const path = url.pathname.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
  const webUrl = `${url.origin}${path}`;
  return { value: { webUrl, apiBaseUrl: `${webUrl}/api/v1` } };
}

function readToken(raw: string | undefined): Read<string> {
  if (raw === undefined || raw.trim() === "")
    return { error: "GITEA_TOKEN must be set to a Gitea access token" };
  if (/\s/.test(raw)) {
    return {
      error: "GITEA_TOKEN must not contain whitespace (check for a stray space or line break)",
    };
  }
  return { value: raw };
}

function readSecret(raw: string | undefined, required: boolean): Read<string | null> {
  if (raw === undefined || raw.trim() === "") {
    return required
      ? {
          error:
            "WEBHOOK_SECRET must be set to the secret of the Gitea webhook (Gitea signs every delivery with it)",
        }
      : { value: null };
  }
  return { value: raw };
}

function readInteger(
  name: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): Read<number> {
  if (raw === undefined) return { value: fallback };
  const trimmed = raw.trim();
  const number = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    return { error: `${name} must be a whole number from ${min} to ${max} (got ${shown(raw)})` };
  }
  return { value: number };
}

function readHost(raw: string | undefined): Read<string> {
  if (raw === undefined) return { value: ENV_DEFAULTS.host };
  const host = raw.trim().replace(/^\[(.*)\]$/, "$1");
  if (!/^[A-Za-z0-9.:%_-]+$/.test(host)) {
    return {
      error: `HOST must be an address or host name such as 0.0.0.0, :: or localhost (got ${shown(raw)})`,
    };
  }
  return { value: host };
}

function readWebhookPath(raw: string | undefined): Read<string> {
  if (raw === undefined) return { value: ENV_DEFAULTS.webhookPath };
  const path = raw.trim();
  if (!/^\/[^\s?#]*$/.test(path)) {
    return {
      error: `WEBHOOK_PATH must be a path starting with /, without spaces, ? or #, such as /api/webhook (got ${shown(raw)})`,
    };
  }
  if (HEALTH_PATHS.includes(path)) {
    return {
      error: `WEBHOOK_PATH must not be ${path} (the health endpoints use ${HEALTH_PATHS.join(" and ")})`,
    };
  }
  return { value: path };
}

function readLogLevel(raw: string | undefined): Read<LogLevel> {
  if (raw === undefined) return { value: ENV_DEFAULTS.logLevel };
  const level = raw.trim().toLowerCase();
  const known = LOG_LEVELS.find((candidate) => candidate === level);
  if (!known)
    return { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} (got ${shown(raw)})` };
  return { value: known };
}
