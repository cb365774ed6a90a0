/** `deferbot serve`: the webhook server (SPEC §7), until SIGTERM or SIGINT. */
import { Command } from "commander";
import type { DestinationStream } from "pino";
import {
  type ReconcileLock,
  type ReconcileTimer,
  startReconcileTimer,
} from "../../recovery/reconcile-timer.js";
import { syncAll } from "../../recovery/sync-all.js";
import { RedisUnavailableError } from "../../replicas/redis-unavailable-error.js";
import type { DeliveryHandlers } from "../../server/app.js";
import { createLogger } from "../../server/logger.js";
import { type RunningServer, StartupError, startServer } from "../../server/start-server.js";
import { handleIssueComment } from "../../service/handlers/issue-comment.js";
import { handleIssueEdited } from "../../service/handlers/issues-edited.js";
import { handlePullRequest } from "../../service/handlers/pull-request.js";
import { ENV_VARS, parseEnv } from "../../settings/read-settings.js";
import type { RegisterParser } from "../../sync/parse-cache.js";
import { exitCodes } from "../exit-codes.js";
import { exitCodeOf, failureLine } from "../failure.js";

export interface ServeIo {
  env: Record<string, string | undefined>;
  stderr: (text: string) => void;
  /** Where the JSON log lines go; default stdout. */
  logDestination?: DestinationStream;
  /** Resolves with a signal name when the server should stop; default: SIGTERM or SIGINT. */
  stopSignal?: () => Promise<string>;
  /** Default: the comment commands and the review flow. */
  handlers?: DeliveryHandlers;
  /** Called once the server listens (tests read its URL). */
  onListening?: (server: RunningServer) => void;
  shutdownTimeoutMs?: number;
  /**
   * The periodic reconcile's lock; with REDIS_URL the replicas' `RepoLock` (one process at a
   * time). Without one, this process reconciles on its own.
   */
  reconcileLock?: ReconcileLock;
  /** The pause between two repositories of the reconcile (tests: 0). */
  reconcilePauseMs?: number;
  /** Called with the reconcile timer once it runs (tests tick it by hand). */
  onReconcile?: (timer: ReconcileTimer) => void;
  /** How registers are parsed; default: on the parse worker (tests from source parse inline). */
  parse?: RegisterParser;
}

/**
 * Exit codes (SPEC §9): 0 stopped by a signal, 2 bad settings, a refused token or the port in
 * use, 3 Gitea (or Redis) unreachable at start (one line on stderr each).
 */
export async function runServe(io: ServeIo): Promise<number> {
  const fail = (lines: string[], code: number = exitCodes.usage): number => {
    for (const line of lines) io.stderr(`deferbot serve: ${line}\n`);
    return code;
  };
  const env = parseEnv(io.env, { requireSecret: true });
  if (!env.ok) return fail(env.errors);
  const { settings } = env;
  const log = createLogger(settings.logLevel, io.logDestination);
  // prom-client is loaded here only: no other command pays for it.
  const { createMetrics } = await import("../../metrics/deferbot-metrics.js");
  const metrics = createMetrics();

  let reconcile: ReconcileTimer | null = null;
  let server: RunningServer;
  try {
    server = await startServer(settings, {
      metrics,
      onBot: (bot, user, octokit) => {
        if (settings.reconcileIntervalMs === null) return;
        reconcile = startReconcileTimer({
          intervalMs: settings.reconcileIntervalMs,
          log: log.child({ component: "reconcile" }),
          // One process at a time: the bot's lock is Redis's with REDIS_URL (SPEC §10).
          lock: io.reconcileLock ?? bot.lock,
          run: () =>
            syncAll({
              octokit,
              bot,
              botUserId: user.id,
              runSync: (repo, request) => bot.sync(repo, request),
              ...(io.reconcilePauseMs === undefined ? {} : { pauseMs: io.reconcilePauseMs }),
            }),
        });
        io.onReconcile?.(reconcile);
      },
      handlers: io.handlers ?? {
        issueComment: handleIssueComment,
        issuesEdited: handleIssueEdited,
        pullRequest: handlePullRequest,
      },
      log,
      ...(io.shutdownTimeoutMs === undefined ? {} : { shutdownTimeoutMs: io.shutdownTimeoutMs }),
      ...(io.parse ? { parse: io.parse } : {}),
    });
  } catch (error) {
    if (error instanceof StartupError || error instanceof RedisUnavailableError) {
      const line = failureLine(error);
      log.error({ err: line }, "start-up failed");
      return fail([line], exitCodeOf(error));
    }
    throw error;
  }
  io.onListening?.(server);

  const signal = await (io.stopSignal ?? processSignal)();
  log.info({ signal }, "shutting down: no new deliveries, waiting for running work");
  await (reconcile as ReconcileTimer | null)?.stop();
  const { drained } = await server.close();
  if (drained) log.info("stopped");
  else log.warn("stopped before running work finished (shutdown wait exceeded)");
  return 0;
}

/** The first SIGTERM or SIGINT; a second one gets Node's default (immediate exit). */
function processSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      resolve(signal);
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  });
}

export function serveCommand(): Command {
  return new Command("serve")
    .description(
      "serve Gitea's webhooks (uses GITEA_URL, GITEA_TOKEN, WEBHOOK_SECRET, and more below)",
    )
    .addHelpText(
      "after",
      `\nSettings read from the environment: ${ENV_VARS.filter((v) => v.commands.includes("serve"))
        .map((v) => v.name)
        .join(", ")}.`,
    )
    .addHelpText(
      "after",
      "\nA register that is gone or empty closes nothing until a sync is told to: comment\n/deferbot sync --allow-close-all on an issue, or run\ndeferbot sync --repo owner/name --allow-close-all from the command line.",
    )
    .action(async () => {
      const code = await runServe({
        env: process.env,
        stderr: (text) => process.stderr.write(text),
      });
      // The server is closed and the bounded wait is over: a sync still waiting on Gitea must not
      // keep the process alive (the next push or `/deferbot sync` repairs what it did not finish).
      process.exit(code);
    });
}
