import { describe, expect, it } from "vitest";
import {
  describeSettings,
  ENV_VARS,
  LOG_LEVELS,
  parseEnv,
  type Settings,
} from "../../src/settings/read-settings.js";

const TOKEN = "0123456789abcdef0123456789abcdef01234567";
const SECRET = "s3cr3t webhook value";
const BASE = { GITEA_URL: "https://git.example.com", GITEA_TOKEN: TOKEN, WEBHOOK_SECRET: SECRET };

function settings(env: Record<string, string | undefined>, requireSecret = true): Settings {
  const result = parseEnv(env, { requireSecret });
  if (!result.ok) throw new Error(`expected settings, got: ${result.error}`);
  return result.settings;
}

function failure(env: Record<string, string | undefined>, requireSecret = true): string[] {
  const result = parseEnv(env, { requireSecret });
  if (result.ok) throw new Error("expected an error");
  expect(result.error).toBe(result.errors.join("\n"));
  return result.errors;
}

describe("parseEnv", () => {
  it("gives the defaults for every optional variable", () => {
    expect(settings(BASE)).toEqual({
      webUrl: "https://git.example.com",
      apiBaseUrl: "https://git.example.com/api/v1",
      token: TOKEN,
      webhookSecret: SECRET,
      port: 3000,
      host: "0.0.0.0",
      webhookPath: "/api/webhook",
      logLevel: "info",
      concurrency: 4,
      webhookMaxBytes: 25 * 1024 * 1024,
      parseTimeoutMs: 30_000,
      requestTimeoutMs: 30_000,
      metricsToken: null,
      redisUrl: null,
      redisLockTtlMs: 60_000,
      reconcileIntervalMs: null,
    });
  });

  it.each([
    ["https://git.example.com", "https://git.example.com"],
    ["https://git.example.com/", "https://git.example.com"],
    ["https://git.example.com/api/v1", "https://git.example.com"],
    ["https://git.example.com/api/v1/", "https://git.example.com"],
    ["http://localhost:3000", "http://localhost:3000"],
    ["http://127.0.0.1:3000/", "http://127.0.0.1:3000"],
    ["https://git.example.com:443", "https://git.example.com"],
    ["https://Git.Example.COM/gitea", "https://git.example.com/gitea"],
    ["https://example.com/gitea/api/v1", "https://example.com/gitea"],
    ["https://example.com/tools/gitea/", "https://example.com/tools/gitea"],
    ["http://[::1]:3000", "http://[::1]:3000"],
    ["  https://git.example.com  ", "https://git.example.com"],
  ])("reads GITEA_URL %j as %s", (url, webUrl) => {
    const { webUrl: web, apiBaseUrl } = settings({ ...BASE, GITEA_URL: url });
    expect(web).toBe(webUrl);
    expect(apiBaseUrl).toBe(`${webUrl}/api/v1`);
  });

  it.each([
    [undefined, "GITEA_URL must be an http(s) URL such as https://git.example.com (it is not set)"],
    ["", "GITEA_URL must be an http(s) URL such as https://git.example.com (it is not set)"],
    [
      "git.example.com",
      'GITEA_URL must be an http(s) URL such as https://git.example.com (got "git.example.com")',
    ],
    [
      "ftp://git.example.com",
      'GITEA_URL must be an http(s) URL such as https://git.example.com (got "ftp://git.example.com")',
    ],
    [
      "https://git.example.com/?x=1",
      'GITEA_URL must not have a query or fragment (got "https://git.example.com/?…")',
    ],
    [
      "https://git.example.com/?token=0123456789abcdef",
      'GITEA_URL must not have a query or fragment (got "https://git.example.com/?…")',
    ],
    [
      "git.example.com/?token=s3cret#x",
      'GITEA_URL must be an http(s) URL such as https://git.example.com (got "git.example.com/?…")',
    ],
    [
      "https://bot:hunter2@git.example.com",
      "GITEA_URL must not contain a user name or password (put the token in GITEA_TOKEN)",
    ],
  ])("rejects GITEA_URL %j", (url, message) => {
    expect(failure({ ...BASE, GITEA_URL: url })).toEqual([message]);
  });

  it("cuts a long value in a message", () => {
    const [message] = failure({ ...BASE, PORT: "9".repeat(500) });
    expect(message?.length).toBeLessThan(200);
    expect(message).toContain("…");
  });

  it.each([
    [undefined, "GITEA_TOKEN must be set to a Gitea access token"],
    ["", "GITEA_TOKEN must be set to a Gitea access token"],
    ["   ", "GITEA_TOKEN must be set to a Gitea access token"],
    [
      `${TOKEN}\n`,
      "GITEA_TOKEN must not contain whitespace (check for a stray space or line break)",
    ],
    [
      ` ${TOKEN}`,
      "GITEA_TOKEN must not contain whitespace (check for a stray space or line break)",
    ],
  ])("rejects GITEA_TOKEN %j without repeating it", (token, message) => {
    const errors = failure({ ...BASE, GITEA_TOKEN: token });
    expect(errors).toEqual([message]);
    expect(errors.join("\n")).not.toContain(TOKEN);
  });

  it("needs WEBHOOK_SECRET for serve only", () => {
    const message =
      "WEBHOOK_SECRET must be set to the secret of the Gitea webhook (Gitea signs every delivery with it)";
    expect(failure({ ...BASE, WEBHOOK_SECRET: undefined })).toEqual([message]);
    expect(failure({ ...BASE, WEBHOOK_SECRET: "" })).toEqual([message]);
    expect(failure({ ...BASE, WEBHOOK_SECRET: "  " })).toEqual([message]);
    expect(settings({ ...BASE, WEBHOOK_SECRET: undefined }, false).webhookSecret).toBeNull();
    expect(settings(BASE, false).webhookSecret).toBe(SECRET);
  });

  it.each<[string, string, Partial<Settings>]>([
    ["PORT", "8080", { port: 8080 }],
    ["PORT", " 1 ", { port: 1 }],
    ["PORT", "65535", { port: 65535 }],
    ["PORT", "", { port: 3000 }],
    ["HOST", "127.0.0.1", { host: "127.0.0.1" }],
    ["HOST", "::", { host: "::" }],
    ["HOST", "[::1]", { host: "::1" }],
    ["HOST", "localhost", { host: "localhost" }],
    ["HOST", "bot.internal", { host: "bot.internal" }],
    ["WEBHOOK_PATH", "/hooks/gitea", { webhookPath: "/hooks/gitea" }],
    ["WEBHOOK_PATH", "/", { webhookPath: "/" }],
    ["LOG_LEVEL", "DEBUG", { logLevel: "debug" }],
    ["LOG_LEVEL", "silent", { logLevel: "silent" }],
    ["DEFERBOT_CONCURRENCY", "1", { concurrency: 1 }],
    ["DEFERBOT_CONCURRENCY", "32", { concurrency: 32 }],
    ["WEBHOOK_MAX_BYTES", "1048576", { webhookMaxBytes: 1048576 }],
    ["DEFERBOT_PARSE_TIMEOUT", "500ms", { parseTimeoutMs: 500 }],
    ["DEFERBOT_PARSE_TIMEOUT", "2s", { parseTimeoutMs: 2000 }],
    ["DEFERBOT_REQUEST_TIMEOUT", "250", { requestTimeoutMs: 250 }],
    ["METRICS_TOKEN", "scrape-me", { metricsToken: "scrape-me" }],
    ["REDIS_URL", "redis://redis:6379", { redisUrl: "redis://redis:6379" }],
    [
      "REDIS_URL",
      "rediss://:pw@cache.internal:6380/2",
      { redisUrl: "rediss://:pw@cache.internal:6380/2" },
    ],
    ["REDIS_LOCK_TTL", "2m", { redisLockTtlMs: 120_000 }],
    ["DEFERBOT_RECONCILE_INTERVAL", "10m", { reconcileIntervalMs: 600_000 }],
    ["DEFERBOT_RECONCILE_INTERVAL", "6h", { reconcileIntervalMs: 21_600_000 }],
  ])("reads %s=%j", (name, value, expected) => {
    expect(settings({ ...BASE, [name]: value })).toMatchObject(expected);
  });

  it.each([
    ["PORT", "0", 'PORT must be a whole number from 1 to 65535 (got "0")'],
    ["PORT", "65536", 'PORT must be a whole number from 1 to 65535 (got "65536")'],
    ["PORT", "30a", 'PORT must be a whole number from 1 to 65535 (got "30a")'],
    ["PORT", "3e3", 'PORT must be a whole number from 1 to 65535 (got "3e3")'],
    ["PORT", "-1", 'PORT must be a whole number from 1 to 65535 (got "-1")'],
    ["PORT", "80.5", 'PORT must be a whole number from 1 to 65535 (got "80.5")'],
    [
      "HOST",
      "http://0.0.0.0",
      'HOST must be an address or host name such as 0.0.0.0, :: or localhost (got "http://0.0.0.0")',
    ],
    [
      "WEBHOOK_PATH",
      "api/webhook",
      'WEBHOOK_PATH must be a path starting with /, without spaces, ? or #, such as /api/webhook (got "api/webhook")',
    ],
    [
      "WEBHOOK_PATH",
      "/hook?x=1",
      'WEBHOOK_PATH must be a path starting with /, without spaces, ? or #, such as /api/webhook (got "/hook?x=1")',
    ],
    ...["/healthz", "/readyz", "/metrics"].map((path) => [
      "WEBHOOK_PATH",
      path,
      `WEBHOOK_PATH must not be ${path} (the server answers /healthz, /readyz, /metrics itself)`,
    ]),
    [
      "WEBHOOK_MAX_BYTES",
      "10",
      'WEBHOOK_MAX_BYTES must be a whole number of bytes from 1024 to 1073741824 (got "10")',
    ],
    [
      "DEFERBOT_PARSE_TIMEOUT",
      "soon",
      'DEFERBOT_PARSE_TIMEOUT must be a duration such as 30s, 10m or 6h (or milliseconds) (got "soon")',
    ],
    [
      "DEFERBOT_REQUEST_TIMEOUT",
      "1.5s",
      'DEFERBOT_REQUEST_TIMEOUT must be a duration such as 30s, 10m or 6h (or milliseconds) (got "1.5s")',
    ],
    [
      "DEFERBOT_RECONCILE_INTERVAL",
      "5m",
      'DEFERBOT_RECONCILE_INTERVAL must be at least 10m (got "5m")',
    ],
    ["REDIS_LOCK_TTL", "10", 'REDIS_LOCK_TTL must be at least 1s (got "10")'],
    [
      "REDIS_URL",
      "http://user:pw@redis:6379",
      "REDIS_URL must be a redis:// or rediss:// URL such as redis://redis:6379",
    ],
    [
      "METRICS_TOKEN",
      "two words",
      "METRICS_TOKEN must not contain whitespace (check for a stray space or line break)",
    ],
    ["LOG_LEVEL", "verbose", `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")} (got "verbose")`],
    [
      "DEFERBOT_CONCURRENCY",
      "0",
      'DEFERBOT_CONCURRENCY must be a whole number from 1 to 32 (got "0")',
    ],
    [
      "DEFERBOT_CONCURRENCY",
      "33",
      'DEFERBOT_CONCURRENCY must be a whole number from 1 to 32 (got "33")',
    ],
  ])("rejects %s=%j", (name, value, message) => {
    expect(failure({ ...BASE, [name]: value })).toEqual([message]);
  });

  it("reports every bad variable, one line each, in the order of ENV_VARS", () => {
    const errors = failure({ GITEA_URL: "x", PORT: "0", LOG_LEVEL: "loud" });
    expect(errors.map((line) => line.split(" ")[0])).toEqual([
      "GITEA_URL",
      "GITEA_TOKEN",
      "WEBHOOK_SECRET",
      "PORT",
      "LOG_LEVEL",
    ]);
  });

  it("never repeats the token or the secret, whatever else is wrong", () => {
    const result = parseEnv(
      {
        GITEA_URL: "nope",
        GITEA_TOKEN: `${TOKEN} x`,
        WEBHOOK_SECRET: SECRET,
        PORT: "x",
        METRICS_TOKEN: `${TOKEN} x`,
        REDIS_URL: `ftp://bot:${SECRET}@x`,
      },
      { requireSecret: true },
    );
    expect(result.ok).toBe(false);
    const text = JSON.stringify(result);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SECRET);
  });
});

describe("describeSettings", () => {
  it("shows the Redis URL without its password", () => {
    const described = describeSettings(
      settings({ ...BASE, REDIS_URL: "redis://bot:hunter2@redis:6379", METRICS_TOKEN: "m3tr1cs" }),
    );
    expect(described.redisUrl).toBe("redis://bot:***@redis:6379");
    expect(described.metricsToken).toBe(true);
    expect(JSON.stringify(described)).not.toMatch(/hunter2|m3tr1cs/);
  });

  it("keeps everything but the token and the secret", () => {
    const described = describeSettings(settings(BASE));
    expect(described).toEqual({
      webUrl: "https://git.example.com",
      apiBaseUrl: "https://git.example.com/api/v1",
      webhookSecret: true,
      port: 3000,
      host: "0.0.0.0",
      webhookPath: "/api/webhook",
      logLevel: "info",
      concurrency: 4,
      webhookMaxBytes: 25 * 1024 * 1024,
      parseTimeoutMs: 30_000,
      requestTimeoutMs: 30_000,
      metricsToken: false,
      redisUrl: null,
      redisLockTtlMs: 60_000,
      reconcileIntervalMs: null,
    });
    expect(JSON.stringify(described)).not.toContain(TOKEN);
    expect(JSON.stringify(described)).not.toContain(SECRET);
  });
});

describe("ENV_VARS", () => {
  it("lists every variable parseEnv reads, with a description", () => {
    const names = ENV_VARS.map((v) => v.name);
    expect(names).toEqual([
      "GITEA_URL",
      "GITEA_TOKEN",
      "WEBHOOK_SECRET",
      "PORT",
      "HOST",
      "WEBHOOK_PATH",
      "LOG_LEVEL",
      "DEFERBOT_CONCURRENCY",
      "WEBHOOK_MAX_BYTES",
      "DEFERBOT_PARSE_TIMEOUT",
      "DEFERBOT_REQUEST_TIMEOUT",
      "METRICS_TOKEN",
      "REDIS_URL",
      "REDIS_LOCK_TTL",
      "DEFERBOT_RECONCILE_INTERVAL",
    ]);
    for (const variable of ENV_VARS) expect(variable.description.length).toBeGreaterThan(10);
  });

  it("states the defaults parseEnv applies", () => {
    const defaults = settings(BASE);
    const byName = Object.fromEntries(ENV_VARS.map((v) => [v.name, v.default]));
    expect(byName).toEqual({
      GITEA_URL: null,
      GITEA_TOKEN: null,
      WEBHOOK_SECRET: null,
      PORT: String(defaults.port),
      HOST: defaults.host,
      WEBHOOK_PATH: defaults.webhookPath,
      LOG_LEVEL: defaults.logLevel,
      DEFERBOT_CONCURRENCY: String(defaults.concurrency),
      WEBHOOK_MAX_BYTES: String(defaults.webhookMaxBytes),
      DEFERBOT_PARSE_TIMEOUT: "30s",
      DEFERBOT_REQUEST_TIMEOUT: "30s",
      METRICS_TOKEN: null,
      REDIS_URL: null,
      REDIS_LOCK_TTL: "60s",
      DEFERBOT_RECONCILE_INTERVAL: null,
    });
    expect(defaults).toMatchObject({
      parseTimeoutMs: 30_000,
      requestTimeoutMs: 30_000,
      redisLockTtlMs: 60_000,
    });
  });

  it("marks as required exactly the variables whose absence is an error", () => {
    const missing = failure({}, true).map((line) => line.split(" ")[0]);
    expect(ENV_VARS.filter((v) => v.required !== false).map((v) => v.name)).toEqual(missing);
    const missingForSync = failure({}, false).map((line) => line.split(" ")[0]);
    expect(ENV_VARS.filter((v) => v.required === true).map((v) => v.name)).toEqual(missingForSync);
  });
});
