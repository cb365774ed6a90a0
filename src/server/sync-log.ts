/**
 * The server's view of the bot's syncs: every sync the queue runs (from a push, a command or
 * anything else) logged once when it ends, and the ones running now for the readiness check.
 */
import type { Logger } from "pino";
import type { Deferbot } from "../service/deferbot.js";

export interface RunningSync {
  repo: string;
  startedAt: number;
}

export interface SyncLog {
  /** The syncs running now (not the ones waiting in the queue). */
  running(): readonly RunningSync[];
  /** Stops listening. */
  stop(): void;
}

export function logSyncs(bot: Deferbot, log: Logger): SyncLog {
  const running = new Map<string, RunningSync[]>();
  const started = (repo: string): RunningSync[] => running.get(repo) ?? [];
  const stop = bot.events.on((event) => {
    if (event.type === "sync-started") {
      running.set(event.repo, [...started(event.repo), { repo: event.repo, startedAt: event.at }]);
      return;
    }
    if (event.type !== "sync-finished" && event.type !== "sync-failed") return;
    // The queue runs one sync per repository at a time: the first one started is the one ending.
    const [, ...rest] = started(event.repo);
    if (rest.length > 0) running.set(event.repo, rest);
    else running.delete(event.repo);
    if (event.type === "sync-finished") {
      const { result } = event;
      log.info(
        {
          repo: event.repo,
          sha: result.sha,
          state: result.status.state,
          description: result.status.description,
          durationMs: event.durationMs,
          ...(result.skipped ? { skipped: true } : {}),
        },
        result.skipped ? "sync skipped: commit already synced" : "sync finished",
      );
    } else {
      log.error(
        {
          repo: event.repo,
          sha: event.request.sha ?? null,
          state: "error",
          durationMs: event.durationMs,
          err: event.error,
        },
        "sync failed",
      );
    }
  });
  return { running: () => [...running.values()].flat(), stop: () => void stop() };
}
