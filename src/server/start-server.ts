/**
 * `deferbot serve`'s HTTP server: Probot 14 in token mode mounted with `createNodeMiddleware` on
 * a plain `node:http` server (never Probot's `run()`, which needs a GitHub App), plus
 * `/healthz` and `/readyz`. Every delivery gets one log line: the app writes it for a delivery
 * that passed verification, this file for one that was rejected.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { createNodeMiddleware } from "probot";
import type { OctokitLike } from "../gitea/client.js";
import type { DeferbotMetrics } from "../metrics/deferbot-metrics.js";
import { repoLockSettings } from "../replicas/lock-settings.js";
import { openRepoLock } from "../replicas/open-repo-lock.js";
import { Deferbot } from "../service/deferbot.js";
import { describeSettings, HEALTH_PATHS, type Settings } from "../settings/read-settings.js";
import type { RegisterParser } from "../sync/parse-cache.js";
import { workerParser } from "../sync/worker-parser.js";
import { VERSION } from "../version.js";
import { createDeferbotApp, type DeliveryHandlers } from "./app.js";
import { BackgroundWork } from "./background.js";
import { admitBody } from "./body-limit.js";
import { StartupError } from "./check-token.js";
import { connectToGitea } from "./connect.js";
import { serveMetrics } from "./metrics-route.js";
import { logSyncs } from "./sync-log.js";

export { StartupError } from "./check-token.js";

const [LIVENESS_PATH, READINESS_PATH] = HEALTH_PATHS as [string, string];
const METRICS_PATH = "/metrics";

/** A sync running longer than this makes `/readyz` answer 503 (the queue is jammed). */
export const DEFAULT_JAM_AFTER_MS = 15 * 60_000;
/** Node's defaults (60 s for headers, 300 s for a request) let a slow client hold a socket (SPEC §4). */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;
/** How long shutdown waits for running work before giving up on it. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 25_000;

export interface ServerDeps {
  handlers: DeliveryHandlers;
  log: Logger;
  /** The one Octokit for Gitea; default: `createGiteaOctokit` with the settings' token. */
  octokit?: OctokitLike;
  /** Milliseconds clock for sync timing and the jam check. */
  now?: () => number;
  jamAfterMs?: number;
  shutdownTimeoutMs?: number;
  /** `/metrics` (serve loads prom-client lazily and passes it); without it, no such route. */
  metrics?: DeferbotMetrics;
  /** Called with the bot once it exists (serve's periodic reconcile). */
  onBot?: (bot: Deferbot, user: { id: number; login: string }, octokit: OctokitLike) => void;
  /** How registers are parsed; default: on a worker thread with `DEFERBOT_PARSE_TIMEOUT`. */
  parse?: RegisterParser;
}

export interface RunningServer {
  /** `http://HOST:PORT` as bound (the port is real even when 0 was asked for). */
  url: string;
  bot: Deferbot;
  /** Resolves when no delivery work and no sync is left. */
  whenIdle(): Promise<void>;
  /** Stops accepting, waits for running work (bounded); `drained: false` when it gave up. */
  close(): Promise<{ drained: boolean }>;
}

export async function startServer(settings: Settings, deps: ServerDeps): Promise<RunningServer> {
  const { log } = deps;
  const secret = settings.webhookSecret;
  if (secret === null) throw new StartupError("WEBHOOK_SECRET must be set for deferbot serve");
  const { octokit, user, probot } = await connectToGitea(settings, {
    log,
    secret,
    ...(deps.octokit ? { octokit: deps.octokit } : {}),
    ...(deps.metrics ? { onRequest: deps.metrics.giteaRequest } : {}),
  });
  log.info({ login: user.login, gitea: settings.webUrl }, "GITEA_TOKEN accepted");

  // With REDIS_URL: throws RedisUnavailableError (exit 3) when Redis cannot be reached.
  const lock = await openRepoLock(repoLockSettings(settings, log));
  const bot = new Deferbot({
    octokit,
    botLogin: user.login,
    concurrency: settings.concurrency,
    lock,
    ...(deps.now ? { now: deps.now } : {}),
    parse: deps.parse ?? workerParser({ timeoutMs: settings.parseTimeoutMs }),
  });
  const syncs = logSyncs(bot, log);
  deps.metrics?.observe(bot);
  deps.onBot?.(bot, user, octokit);
  const work = new BackgroundWork(log);
  const webhooks = await createNodeMiddleware(
    createDeferbotApp({ bot, handlers: deps.handlers, work, log }),
    { probot, webhooksPath: settings.webhookPath },
  );

  const jamAfterMs = deps.jamAfterMs ?? DEFAULT_JAM_AFTER_MS;
  let closing: Promise<{ drained: boolean }> | null = null;

  // Ready once listening: the token was checked before. Not ready while a sync has run longer
  // than `jamAfterMs` (a hung Gitea call holds its repository's lane), while Redis cannot be
  // reached (syncs wait; deliveries are still answered), or while shutting down.
  const readiness = (): { status: number; body: Record<string, unknown> } => {
    if (closing) return { status: 503, body: { status: "shutting down" } };
    const lockHealth = bot.lockHealth();
    if (!lockHealth.connected) {
      return {
        status: 503,
        body: {
          status: "redis disconnected",
          reason: `Redis (REDIS_URL) cannot be reached, syncs wait for it: ${lockHealth.lastError ?? "no answer"}`,
        },
      };
    }
    const now = bot.now();
    const stuck = syncs.running().filter((sync) => now - sync.startedAt > jamAfterMs);
    if (stuck.length > 0) {
      return {
        status: 503,
        body: {
          status: "jammed",
          reason: `a sync has run for more than ${Math.round(jamAfterMs / 1000)} s`,
          repos: stuck.map((sync) => sync.repo),
        },
      };
    }
    return {
      status: 200,
      body: {
        status: "ready",
        version: VERSION,
        login: bot.botLogin,
        syncsRunning: bot.queue.running,
        reposQueued: bot.queue.active - bot.queue.running,
        tasks: work.size,
        ...(lockHealth.backend === "redis" ? { redis: "connected" } : {}),
      },
    };
  };

  const server = createServer((req, res) => {
    const path = pathOf(req);
    if (path === LIVENESS_PATH) return sendJson(res, 200, { status: "up" });
    if (path === READINESS_PATH) {
      const { status, body } = readiness();
      return sendJson(res, status, body);
    }
    if (path === METRICS_PATH && deps.metrics)
      return void serveMetrics(req, res, deps.metrics, settings.metricsToken);
    logRejection(req, res, log, deps.metrics);
    void admitBody(req, res, settings.webhookMaxBytes).then((admitted) => {
      if (!admitted) return;
      void webhooks(req, res, () =>
        sendJson(res, 404, { error: `no route ${req.method} ${path}` }),
      );
    });
  });

  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  try {
    await listen(server, settings);
  } catch (error) {
    await bot.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log.info(
    { url, version: VERSION, ...describeSettings(settings), port: address.port },
    "deferbot serve listening",
  );

  const idle = async () => {
    while (work.size > 0 || bot.queue.active > 0) {
      await work.idle();
      await bot.queue.drain();
    }
  };

  const close = async (): Promise<{ drained: boolean }> => {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(
        () => resolve(false),
        deps.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS,
      );
    });
    const drained = await Promise.race([Promise.all([stopped, idle()]).then(() => true), timedOut]);
    clearTimeout(timer);
    if (!drained) server.closeAllConnections();
    await bot.close();
    return { drained };
  };

  return {
    url,
    bot,
    whenIdle: idle,
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}

function pathOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? "/", "http://deferbot.invalid").pathname;
  } catch {
    return req.url ?? "/";
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * Logs a delivery the webhook middleware refused (4xx/5xx), once, with the reason it answered.
 * The body is the middleware's own short JSON (`{"error": …}`), never the delivery.
 */
function logRejection(
  req: IncomingMessage,
  res: ServerResponse,
  log: Logger,
  metrics: DeferbotMetrics | undefined,
): void {
  const arrived = performance.now();
  let answered = "";
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    if (typeof args[0] === "string") answered = args[0];
    return end(...args);
  }) as ServerResponse["end"];
  res.once("finish", () => {
    metrics?.answered(res.statusCode, (performance.now() - arrived) / 1000);
    if (res.statusCode < 300 || res.statusCode === 404) return;
    metrics?.delivery(
      header(req, "x-gitea-event") ?? header(req, "x-github-event") ?? "unknown",
      "rejected",
    );
    log.warn(
      {
        delivery: header(req, "x-github-delivery") ?? header(req, "x-gitea-delivery") ?? null,
        event: header(req, "x-github-event") ?? header(req, "x-gitea-event") ?? null,
        status: res.statusCode,
        outcome: "rejected",
        reason: reasonOf(answered),
      },
      "delivery rejected",
    );
  });
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function reasonOf(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null && "error" in parsed)
      return String(parsed.error);
  } catch {
    // not JSON: fall through
  }
  return body.trim().slice(0, 200) || "(no answer body)";
}

function listen(server: ReturnType<typeof createServer>, settings: Settings): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        new StartupError(
          `cannot listen on ${settings.host}:${settings.port} (${error.code ?? error.message})`,
          { cause: error },
        ),
      );
    };
    server.once("error", onError);
    server.listen(settings.port, settings.host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}
