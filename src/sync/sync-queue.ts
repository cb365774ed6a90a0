/**
 * One sync at a time per repository (SPEC §3.4 "Queue"). Requests that arrive while a sync runs
 * fold into one more sync, which reads the default branch's head when it starts and keeps
 * `allowCloseAll` if any folded request asked for it (and `onlyIfNew` only if all did).
 * At most `maxRunning` repositories sync at once; the others wait their turn in arrival order,
 * and requests for a repository still waiting fold into its turn. The queue lives in memory.
 */

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
}

type Runner<R> = (repo: string, request: QueuedRequest) => Promise<R>;

interface Waiter<R> {
  resolve: (result: R) => void;
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
  #running = 0;
  #started = 0;

  constructor(
    private readonly run: Runner<R>,
    options: SyncQueueOptions = {},
  ) {
    this.#maxRunning = Math.max(1, options.maxRunning ?? Number.POSITIVE_INFINITY);
  }

  /** Resolves with the result of the sync that covers this request. */
  enqueue(repo: string, request: QueuedRequest): Promise<R> {
    return new Promise<R>((resolve, reject) => {
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
      lane.running = this.run(repo, turn.request).then(
        (result) => this.#finish(repo, lane, turn, (w) => w.resolve(result)),
        (error: unknown) => this.#finish(repo, lane, turn, (w) => w.reject(error)),
      );
    }
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
    allowCloseAll: (a.allowCloseAll ?? false) || (b.allowCloseAll ?? false),
    ...(sha === undefined ? {} : { sha }),
    ...((a.onlyIfNew ?? false) && (b.onlyIfNew ?? false) ? { onlyIfNew: true } : {}),
    ...((a.dashboardOnly ?? false) && (b.dashboardOnly ?? false) ? { dashboardOnly: true } : {}),
  };
}
