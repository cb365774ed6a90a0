/**
 * The Deferbot the server runs: every sync the queue starts (from a push, a command or
 * anything else) is timed, logged once when it ends, and visible to the readiness check.
 */
import type { Logger } from "pino";
import { type BotSyncRequest, Deferbot, type DeferbotOptions } from "../service/deferbot.js";
import type { SyncResult } from "../sync/sync-repository.js";

export interface RunningSync {
  repo: string;
  startedAt: number;
}

export interface ServedDeferbotOptions extends DeferbotOptions {
  log: Logger;
  /** Milliseconds clock; tests move it by hand. */
  now?: () => number;
}

export class ServedDeferbot extends Deferbot {
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #running = new Set<RunningSync>();

  constructor(options: ServedDeferbotOptions) {
    super(options);
    this.#log = options.log;
    this.#now = options.now ?? Date.now;
  }

  override async syncNow(
    fullName: string,
    request: BotSyncRequest,
    onProgress?: (done: number, total: number) => void,
  ): Promise<SyncResult> {
    if (request.dryRun) return super.syncNow(fullName, request, onProgress);
    const running: RunningSync = { repo: fullName, startedAt: this.#now() };
    this.#running.add(running);
    try {
      const result = await super.syncNow(fullName, request, onProgress);
      this.#log.info(
        {
          repo: fullName,
          sha: result.sha,
          state: result.status.state,
          description: result.status.description,
          durationMs: this.#now() - running.startedAt,
          ...(result.skipped ? { skipped: true } : {}),
        },
        result.skipped ? "sync skipped: commit already synced" : "sync finished",
      );
      return result;
    } catch (error) {
      this.#log.error(
        {
          repo: fullName,
          sha: request.sha ?? null,
          state: "error",
          durationMs: this.#now() - running.startedAt,
          err: error,
        },
        "sync failed",
      );
      throw error;
    } finally {
      this.#running.delete(running);
    }
  }

  /** The syncs running now (not the ones waiting in the queue). */
  runningSyncs(): readonly RunningSync[] {
    return [...this.#running];
  }

  /** The milliseconds clock the bot times syncs with. */
  now(): number {
    return this.#now();
  }
}
