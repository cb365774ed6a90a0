/**
 * One deferbot per process: the bot's login, the forge, config cache and parse cache of each
 * repository, the sync queue, and the events every sync and handler outcome is told through.
 * The webhook server, the commands, `deferbot sync` and the Actions mode all go through it, so
 * they share one code path.
 */
import type { OctokitLike } from "../gitea/client.js";
import { createGiteaForge } from "../gitea/gitea-forge.js";
import { LabelResolver } from "../gitea/label-resolver.js";
import type { Forge } from "../port/forge.js";
import { ConfigCache } from "../sync/load-repo-config.js";
import { ParseCache } from "../sync/parse-cache.js";
import { SyncQueue } from "../sync/sync-queue.js";
import { type SyncRequest, type SyncResult, syncRepository } from "../sync/sync-repository.js";
import { type DeferbotEvent, DeferbotEvents } from "./events.js";

export interface DeferbotOptions {
  octokit: OctokitLike;
  /** The bot's own login (`GET /user`), read once at start. */
  botLogin: string;
  /** Issue writes in flight at once per sync. */
  concurrency: number;
  /** Repositories syncing at the same time (default 2): a burst of pushes to many repositories must not starve the webhook answers of CPU. */
  maxParallelSyncs?: number;
  /** Milliseconds clock the syncs are timed with; tests move it by hand. */
  now?: () => number;
}

export const DEFAULT_PARALLEL_SYNCS = 2;

export interface RepoHandle {
  fullName: string;
  forge: Forge;
  configs: ConfigCache;
  parses: ParseCache;
}

/** What `/deferbot status` tells about the last sync of a repository. */
export interface LastSync {
  sha: string;
  state: string;
  description: string;
  at: Date;
}

export interface BotSyncRequest extends SyncRequest {
  /** A push's sync: skipped when its commit is the one last synced (see `sync`). */
  onlyIfNew?: boolean;
}

export class Deferbot {
  readonly botLogin: string;
  readonly concurrency: number;
  readonly queue: SyncQueue<SyncResult>;
  readonly labels = new LabelResolver();
  readonly events = new DeferbotEvents();
  /** The milliseconds clock syncs are timed with. */
  readonly now: () => number;
  readonly #octokit: OctokitLike;
  readonly #repos = new Map<string, RepoHandle>();
  readonly #lastResult = new Map<string, SyncResult>();
  readonly #lastSync = new Map<string, LastSync>();

  constructor(options: DeferbotOptions) {
    this.#octokit = options.octokit;
    this.botLogin = options.botLogin;
    this.concurrency = options.concurrency;
    this.now = options.now ?? Date.now;
    this.queue = new SyncQueue((fullName, request) => this.syncNow(fullName, request), {
      maxRunning: options.maxParallelSyncs ?? DEFAULT_PARALLEL_SYNCS,
    });
  }

  /** Whether `login` is the bot's own user (Gitea has no bot user type; logins compare case-insensitively). */
  isSelf(login: string): boolean {
    return login.toLowerCase() === this.botLogin.toLowerCase();
  }

  /** The handle of `owner/name`, made once per process. */
  repo(fullName: string): RepoHandle {
    let handle = this.#repos.get(fullName);
    if (!handle) {
      const forge = createGiteaForge({
        octokit: this.#octokit,
        fullName,
        botLogin: this.botLogin,
        labels: this.labels,
      });
      handle = { fullName, forge, configs: new ConfigCache(forge), parses: new ParseCache() };
      this.#repos.set(fullName, handle);
    }
    return handle;
  }

  /** Tells the listeners what a handler did. */
  report(event: DeferbotEvent): void {
    this.events.emit(event);
  }

  /**
   * Queues a sync (one at a time per repository; waiting requests fold into one). `onlyIfNew`
   * (pushes) skips the sync when the commit it reads is the one this process last synced
   * without a Gitea failure or pending creates: the document and configuration at a commit
   * never change.
   */
  sync(fullName: string, request: Omit<BotSyncRequest, "dryRun"> = {}): Promise<SyncResult> {
    return this.queue.enqueue(fullName, request);
  }

  /**
   * Runs a sync at once, outside the queue (the queue's runner, and `--dry-run`). A sync that
   * writes is told as `sync-started`, then `sync-finished` or `sync-failed`.
   */
  async syncNow(
    fullName: string,
    request: BotSyncRequest,
    onProgress?: (done: number, total: number) => void,
  ): Promise<SyncResult> {
    if (request.dryRun) return this.#runSync(fullName, request, onProgress);
    const { dryRun: _dryRun, ...seen } = request;
    const at = this.now();
    this.events.emit({ type: "sync-started", repo: fullName, request: seen, at });
    try {
      const result = await this.#runSync(fullName, request, onProgress);
      this.events.emit({
        type: "sync-finished",
        repo: fullName,
        request: seen,
        result,
        durationMs: this.now() - at,
      });
      return result;
    } catch (error) {
      this.events.emit({
        type: "sync-failed",
        repo: fullName,
        request: seen,
        error,
        durationMs: this.now() - at,
      });
      throw error;
    }
  }

  async #runSync(
    fullName: string,
    request: BotSyncRequest,
    onProgress?: (done: number, total: number) => void,
  ): Promise<SyncResult> {
    const { forge, configs, parses } = this.repo(fullName);
    const { onlyIfNew, ...syncRequest } = request;
    if (onlyIfNew && !request.dryRun) {
      const sha = request.sha ?? (await forge.branchHead((await forge.repo()).defaultBranch));
      const last = this.#lastResult.get(fullName);
      if (
        last?.sha === sha &&
        last.status.state !== "error" &&
        last.plan.summary.pendingCreates === 0
      )
        return { ...last, skipped: true };
      syncRequest.sha = sha;
    }
    const result = await syncRepository(
      {
        forge,
        configs,
        parses,
        concurrency: this.concurrency,
        ...(onProgress ? { onProgress } : {}),
      },
      syncRequest,
    );
    if (!request.dryRun && !request.dashboardOnly) {
      this.#lastResult.set(fullName, result);
      this.#lastSync.set(fullName, { sha: result.sha, ...result.status, at: new Date() });
    }
    return result;
  }

  /** The last sync this process ran for the repository, if any. */
  lastSync(fullName: string): LastSync | undefined {
    return this.#lastSync.get(fullName);
  }
}
