/**
 * `serve`'s periodic reconcile (SPEC §7, `DEFERBOT_RECONCILE_INTERVAL`): `sync --all` every
 * interval, one run at a time, and with a shared lock (`REDIS_URL`) in one process at a time.
 */
import type { Logger } from "pino";
import type { SyncAllResult } from "./sync-all.js";

/** The part of src/replicas' `RepoLock` the reconcile needs. */
export interface ReconcileLock {
  tryAcquireReconcile(): Promise<{ release(): Promise<void> } | null>;
}

export interface ReconcileTimerOptions {
  intervalMs: number;
  run: () => Promise<SyncAllResult>;
  log: Logger;
  /** Without one, this process is the only one that reconciles. */
  lock?: ReconcileLock;
}

export interface ReconcileTimer {
  /** One reconcile now (what the timer calls); resolves when it is done or was skipped. */
  tick(): Promise<void>;
  /** No further runs; resolves when a running one is done. */
  stop(): Promise<void>;
}

export function startReconcileTimer(options: ReconcileTimerOptions): ReconcileTimer {
  const { log } = options;
  let running: Promise<void> | null = null;
  let stopped = false;

  const reconcile = async () => {
    const lease = options.lock ? await options.lock.tryAcquireReconcile() : null;
    if (options.lock && lease === null) {
      log.info({ reconcile: "skipped" }, "reconcile skipped: another process runs it");
      return;
    }
    try {
      log.info({ reconcile: "started" }, "reconcile started");
      const result = await options.run();
      log.info(
        {
          reconcile: "finished",
          repos: result.runs.length,
          problems: result.runs.filter((run) => run.exitCode !== 0).map((run) => run.repo),
          exitCode: result.exitCode,
        },
        "reconcile finished",
      );
    } catch (error) {
      log.error({ reconcile: "failed", err: error }, "reconcile failed");
    } finally {
      await lease?.release();
    }
  };

  const tick = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    // A run still going when the next is due: the next is skipped, not stacked.
    running ??= reconcile().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
