/**
 * One deferbot per process: the bot's login, the forge, config cache and parse cache of each
 * repository, the sync queue, and the events every sync and handler outcome is told through.
 * The webhook server, the commands, `deferbot sync` and the Actions mode all go through it, so
 * they share one code path.
 */
import { giteaClient, type OctokitLike } from "../gitea/client.js";
import { createGiteaForge } from "../gitea/gitea-forge.js";
import { LabelResolver } from "../gitea/label-resolver.js";
import type { GiteaRepo } from "../gitea/types.js";
import type { Forge } from "../port/forge.js";
import { ProcessRepoLock } from "../replicas/process-repo-lock.js";
import {
  type Lease,
  type LockHealth,
  LockLostError,
  type RepoLock,
} from "../replicas/repo-lock.js";
import { ConfigCache } from "../sync/load-repo-config.js";
import { ParseCache, type RegisterParser } from "../sync/parse-cache.js";
import { type HandedOver, SyncQueue } from "../sync/sync-queue.js";
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
  /** The per-repository lock (`openRepoLock`: Redis with `REDIS_URL`); default in-process. */
  lock?: RepoLock;
  /** Issue writes done, for every sync this bot runs (the command line's progress). */
  onProgress?: (done: number, total: number) => void;
  /** How registers are parsed: inline by default; `deferbot serve` uses a worker thread. */
  parse?: RegisterParser;
  /** Reads the caller sent ahead, by repository (`owner/name`), taken by its first sync. */
  readsAhead?: ReadonlyMap<string, ReadsAhead>;
}

/**
 * The command line's first reads of a repository, sent beside `GET /user`. The default branch's
 * head only once the repository's lock is held: a sync reads the head under the lock (SPEC §10).
 */
export interface ReadsAhead {
  repository?: Promise<GiteaRepo>;
  defaultBranchHead?: Promise<string>;
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
  readonly labels: LabelResolver;
  readonly events = new DeferbotEvents();
  /** The milliseconds clock syncs are timed with. */
  readonly now: () => number;
  readonly #octokit: OctokitLike;
  readonly #parse: RegisterParser | undefined;
  readonly #repos = new Map<string, RepoHandle>();
  readonly #lastResult = new Map<string, SyncResult>();
  readonly #lastSync = new Map<string, LastSync>();
  readonly #lock: RepoLock;
  readonly #stop = new AbortController();
  readonly #onProgress: ((done: number, total: number) => void) | undefined;
  readonly #ahead: ReadonlyMap<string, ReadsAhead>;

  constructor(options: DeferbotOptions) {
    this.#octokit = options.octokit;
    this.#parse = options.parse;
    this.botLogin = options.botLogin;
    this.concurrency = options.concurrency;
    this.now = options.now ?? Date.now;
    this.#lock = options.lock ?? new ProcessRepoLock();
    this.#onProgress = options.onProgress;
    this.#ahead = options.readsAhead ?? new Map();
    // Another process sharing the lock may have created a label since this one listed.
    this.labels = new LabelResolver({
      refreshBeforeCreate: this.#lock.health().backend === "redis",
    });
    this.queue = new SyncQueue(
      (fullName, request, lease) => this.syncNow(fullName, request, this.#onProgress, lease),
      {
        maxRunning: options.maxParallelSyncs ?? DEFAULT_PARALLEL_SYNCS,
        lock: this.#lock,
        signal: this.#stop.signal,
        // A little past the TTL, so a dead holder's lock has surely expired.
        followUpAfterMs: this.#lock.ttlMs === null ? null : Math.ceil(this.#lock.ttlMs * 1.1),
      },
    );
  }

  /** The per-repository lock the queue takes (the reconcile takes its own round's lock here). */
  get lock(): RepoLock {
    return this.#lock;
  }

  /** The lock's state (`/readyz`, `/metrics`): `connected: false` while syncs cannot run. */
  lockHealth(): LockHealth {
    return this.#lock.health();
  }

  /** Stops syncs waiting for the lock and closes it (shutdown, after the queue drained or gave up). */
  async close(): Promise<void> {
    this.#stop.abort(new Error("deferbot is shutting down"));
    await this.#lock.close();
  }

  /** Whether `login` is the bot's own user (Gitea has no bot user type; logins compare case-insensitively). */
  isSelf(login: string): boolean {
    return login.toLowerCase() === this.botLogin.toLowerCase();
  }

  /** The handle of `owner/name`, made once per process. */
  repo(fullName: string): RepoHandle {
    let handle = this.#repos.get(fullName);
    if (!handle) {
      const ahead = this.#ahead.get(fullName) ?? {};
      const forge = createGiteaForge({
        octokit: this.#octokit,
        fullName,
        botLogin: this.botLogin,
        labels: this.labels,
        ...(ahead.repository ? { repository: ahead.repository } : {}),
        ...(ahead.defaultBranchHead ? { defaultBranchHead: ahead.defaultBranchHead } : {}),
      });
      const parses = new ParseCache(this.#parse, (bytes, durationMs) =>
        this.events.emit({ type: "register-parsed", repo: fullName, bytes, durationMs }),
      );
      handle = { fullName, forge, configs: new ConfigCache(forge), parses };
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
   * (pushes) skips the sync when the default branch's head, read when the sync starts, is the
   * commit this process last synced without a Gitea failure, a status left unposted or pending
   * creates: the document and configuration at a commit never change.
   */
  sync(
    fullName: string,
    request: Omit<BotSyncRequest, "dryRun"> = {},
  ): Promise<SyncResult | HandedOver> {
    return this.queue.enqueue(fullName, request);
  }

  /**
   * Runs a sync at once, outside the queue (the queue's runner, and `--dry-run`). A sync that
   * writes is told as `sync-started`, then `sync-finished` or `sync-failed`. Under `lease` it
   * stops before re-reading an issue to write once the lease is lost (`LockLostError`).
   */
  async syncNow(
    fullName: string,
    request: BotSyncRequest,
    onProgress?: (done: number, total: number) => void,
    lease?: Lease,
  ): Promise<SyncResult> {
    if (request.dryRun) return this.#runSync(fullName, request, onProgress);
    const { dryRun: _dryRun, ...seen } = request;
    const at = this.now();
    this.events.emit({ type: "sync-started", repo: fullName, request: seen, at });
    try {
      const result = await this.#runSync(fullName, request, onProgress, lease);
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
    lease?: Lease,
  ): Promise<SyncResult> {
    const { forge, configs, parses } = this.repo(fullName);
    const { onlyIfNew, ...syncRequest } = request;
    if (onlyIfNew && !request.dryRun) {
      const sha = request.sha ?? (await forge.defaultBranchHead());
      const last = this.#lastResult.get(fullName);
      if (
        last?.sha === sha &&
        last.status.state !== "error" &&
        last.statusFailure === undefined &&
        last.plan.summary.pendingCreates === 0
      )
        return { ...last, skipped: true };
      syncRequest.sha = sha;
    }
    // Labels are listed once per process (§3.4): beside the sync's first reads, not before its first write.
    if (!request.dryRun && !request.dashboardOnly) {
      const [owner = "", name = ""] = fullName.split("/");
      this.labels.prefetch(giteaClient(this.#octokit, owner, name));
    }
    const result = await syncRepository(
      {
        forge,
        configs,
        parses,
        concurrency: this.concurrency,
        ...(onProgress ? { onProgress } : {}),
        botLogin: this.botLogin,
        ...(lease ? { beforeReread: () => stillHolding(lease) } : {}),
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

async function stillHolding(lease: Lease): Promise<void> {
  if (!(await lease.stillHeld())) throw new LockLostError(lease.name);
}
