/** `deferbot serve`: the webhook server (SPEC §7), until SIGTERM or SIGINT. */
import { Command } from "commander";
import type { DestinationStream } from "pino";
import type { DeliveryHandlers } from "../../server/app.js";
import { createLogger } from "../../server/logger.js";
import { type RunningServer, StartupError, startServer } from "../../server/start-server.js";
import { handleIssueComment } from "../../service/handlers/issue-comment.js";
import { handleIssueEdited } from "../../service/handlers/issues-edited.js";
import { handlePullRequest } from "../../service/handlers/pull-request.js";
import { ENV_VARS, parseEnv } from "../../settings/read-settings.js";
import type { RegisterParser } from "../../sync/parse-cache.js";

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
  /** How registers are parsed; default: on the parse worker (tests from source parse inline). */
  parse?: RegisterParser;
}

/** Exit codes: 0 stopped by a signal, 2 bad settings or a failed start (one line on stderr each). */
export async function runServe(io: ServeIo): Promise<number> {
  const fail = (lines: string[]): number => {
    for (const line of lines) io.stderr(`deferbot serve: ${line}\n`);
    return 2;
  };
  const env = parseEnv(io.env, { requireSecret: true });
  if (!env.ok) return fail(env.errors);
  const { settings } = env;
  const log = createLogger(settings.logLevel, io.logDestination);

  let server: RunningServer;
  try {
    server = await startServer(settings, {
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
    if (error instanceof StartupError) {
      log.error({ err: error.message }, "start-up failed");
      return fail([error.message]);
    }
    throw error;
  }
  io.onListening?.(server);

  const signal = await (io.stopSignal ?? processSignal)();
  log.info({ signal }, "shutting down: no new deliveries, waiting for running work");
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
      "\nA register that is gone or empty closes nothing until a sync is told to: comment\n/deferbot sync --allow-close-all, or run deferbot sync --repo owner/name --allow-close-all.",
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
