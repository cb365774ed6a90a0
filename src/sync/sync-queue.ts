/**
 * One sync at a time per repository (SPEC §3.4 "Queue"). Requests that arrive while a sync runs
 * fold into one more sync, which reads the default branch's head when it starts and keeps
 * `allowCloseAll` if any folded request asked for it (and `onlyIfNew` only if all did).
 * At most `maxRunning` repositories sync at once; the others wait their turn in arrival order,
 * and requests for a repository still waiting fold into its turn. The queue lives in memory;
 * each turn runs under the repository's lock (SPEC §10), so with a lock shared by several
 * processes a turn whose lock another process holds is handed over to it (folded into its
 * pending request) instead of run here.
 */
import { foldPending, type PendingRequest } from "../replicas/pending-request.js";
import { ProcessRepoLock } from "../replicas/process-repo-lock.js";
import type { Lease, RepoLock } from "../replicas/repo-lock.js";
import { runExclusive } from "../replicas/run-exclusive.js";

export interface QueuedRequest {
  sha?: string;
  allowCloseAll?: boolean;
  /** A push's request: may be skipped when the head it reads was already synced. */
  onlyIfNew?: boolean;
  /** A dashboard refresh (after ticks, SPEC §8): folded into a sync, it is that sync. */
  dashboardOnly?: boolean;
}

export interface SyncQueueOptions {
  /** Repositories syncing at the same time, process-wide. Default: no limit. */
  maxRunning?: number;
  /** The lock each turn takes; default: the in-process lock (one process, nothing changes). */
  lock?: RepoLock;
  /** Stops turns waiting for an unreachable lock store, and the follow-ups (shutdown). */
  signal?: AbortSignal;
  /**
   * After a turn was handed over, ask again this long after (the lock's TTL): a holder that
   * died leaves the lock to expire, and the requests folded into its pending key with it.
   */
  followUpAfterMs?: number | null;
}

/** The turn was handed over: another process holds the lock and runs it after its own sync. */
export interface HandedOver {
  handedOver: true;
}

const HANDED_OVER: HandedOver = { handedOver: true };

export function isHandedOver<R>(outcome: R | HandedOver): outcome is HandedOver {
  return typeof outcome === "object" && outcome !== null && "handedOver" in outcome;
}

type Runner<R> = (repo: string, request: QueuedRequest, lease: Lease) => Promise<R>;

interface Waiter<R> {
  resolve: (result: R | HandedOver) => void;
  reject: (error: unknown) => void;
}

/** A sync not started yet: its request, folded from every request it covers. */
interface Turn<R> {
  request: QueuedRequest;
  waiters: Array<Waiter<R>>;
}

interface RepoLane<R> {
  /** The sync running now, if any. */
  running: Promise<void> | null;
  /** The next sync of this repository (waiting for the running one, or for a free slot). */
  next: Turn<R> | null;
}

export class SyncQueue<R> {
  readonly #lanes = new Map<string, RepoLane<R>>();
  /** Repositories whose next turn waits for a free slot, in arrival order. */
  readonly #ready: string[] = [];
  readonly #maxRunning: number;
  readonly #lock: RepoLock;
  readonly #signal: AbortSignal | undefined;
  readonly #followUpAfterMs: number | null;
  readonly #followUps = new Map<string, NodeJS.Timeout>();
  #running = 0;
  #started = 0;

  constructor(
    private readonly run: Runner<R>,
    options: SyncQueueOptions = {},
  ) {
    this.#maxRunning = Math.max(1, options.maxRunning ?? Number.POSITIVE_INFINITY);
    this.#lock = options.lock ?? new ProcessRepoLock();
    this.#signal = options.signal;
    this.#followUpAfterMs = options.followUpAfterMs ?? null;
    this.#signal?.addEventListener("abort", () => {
      for (const timer of this.#followUps.values()) clearTimeout(timer);
      this.#followUps.clear();
    });
  }

  /** Resolves with the result of the sync that covers this request, or `HandedOver`. */
  enqueue(repo: string, request: QueuedRequest): Promise<R | HandedOver> {
    return new Promise<R | HandedOver>((resolve, reject) => {
      let lane = this.#lanes.get(repo);
      if (!lane) {
        lane = { running: null, next: null };
        this.#lanes.set(repo, lane);
      }
      if (lane.next) {
        lane.next.request = fold(lane.next.request, request, lane.running !== null);
        lane.next.waiters.push({ resolve, reject });
        return;
      }
      // Behind a running sync, the next one must read the head that exists when it starts.
      const own = lane.running
        ? fold({ onlyIfNew: true, dashboardOnly: true }, request, true)
        : { ...request };
      lane.next = { request: own, waiters: [{ resolve, reject }] };
      if (!lane.running) this.#ready.push(repo);
      this.#pump();
    });
  }

  /** Repositories with a sync running or waiting to run. */
  get active(): number {
    return this.#lanes.size;
  }

  /** Syncs running now. */
  get running(): number {
    return this.#running;
  }

  /** Syncs started since the process began (folded requests count once). */
  get started(): number {
    return this.#started;
  }

  /** Waits until every running and waiting sync has finished. */
  async drain(): Promise<void> {
    while (this.#lanes.size > 0) {
      const running = [...this.#lanes.values()].flatMap((lane) => lane.running ?? []);
      await Promise.allSettled(running);
    }
  }

  #pump(): void {
    while (this.#running < this.#maxRunning && this.#ready.length > 0) {
      const repo = this.#ready.shift() as string;
      const lane = this.#lanes.get(repo);
      const turn = lane?.next;
      if (!lane || !turn) continue;
      lane.next = null;
      this.#running++;
      this.#started++;
      lane.running = this.#runLocked(repo, turn.request).then(
        (result) => this.#finish(repo, lane, turn, (w) => w.resolve(result)),
        (error: unknown) => this.#finish(repo, lane, turn, (w) => w.reject(error)),
      );
    }
  }

  /**
   * The turn under the lock; then one more sync per request another process left pending. The
   * lock hands back the turn's own request object when nothing was left pending (its commit is
   * kept); a request folded with others' reads the head.
   */
  async #runLocked(repo: string, request: QueuedRequest): Promise<R | HandedOver> {
    const own = pendingOf(request);
    const outcome = await runExclusive(
      this.#lock,
      repo,
      own,
      (pending, lease) => this.run(repo, pending === own ? request : requestOf(pending), lease),
      this.#signal ? { signal: this.#signal } : {},
    );
    if (outcome.ran) return outcome.result;
    this.#followUp(repo);
    return HANDED_OVER;
  }

  /** One more request for `repo` once a dead holder's lock would have expired (one per repository). */
  #followUp(repo: string): void {
    const after = this.#followUpAfterMs;
    if (after === null || this.#followUps.has(repo) || this.#signal?.aborted) return;
    const timer = setTimeout(() => {
      this.#followUps.delete(repo);
      // Its outcome is the runner's to tell; a push's request, skipped if that head was synced.
      this.enqueue(repo, { onlyIfNew: true }).catch(() => {});
    }, after);
    timer.unref();
    this.#followUps.set(repo, timer);
  }

  #finish(repo: string, lane: RepoLane<R>, turn: Turn<R>, settle: (w: Waiter<R>) => void): void {
    for (const waiter of turn.waiters) settle(waiter);
    this.#running--;
    lane.running = null;
    if (lane.next) this.#ready.push(repo);
    else this.#lanes.delete(repo);
    this.#pump();
  }
}

/**
 * One request covering `a` and `b`: close-all if either asked, skippable only if both are, and
 * the head read at start unless both name the same commit (or `readHead`, behind a running sync).
 */
function fold(a: QueuedRequest, b: QueuedRequest, readHead: boolean): QueuedRequest {
  const sha = !readHead && a.sha !== undefined && a.sha === b.sha ? a.sha : undefined;
  return {
    ...requestOf(foldPending(pendingOf(a), pendingOf(b))),
    ...(sha === undefined ? {} : { sha }),
    // A dashboard refresh stays one only when every request folded in is one.
    ...((a.dashboardOnly ?? false) && (b.dashboardOnly ?? false) ? { dashboardOnly: true } : {}),
  };
}

function pendingOf(request: QueuedRequest): PendingRequest {
  return { allowCloseAll: request.allowCloseAll ?? false, onlyIfNew: request.onlyIfNew ?? false };
}

/** A request without a commit: the sync reads the head when it starts. */
function requestOf(pending: PendingRequest): QueuedRequest {
  return {
    allowCloseAll: pending.allowCloseAll,
    ...(pending.onlyIfNew ? { onlyIfNew: true } : {}),
  };
}
