/**
 * One sync at a time per repository (SPEC §3.4 "Queue"). Requests that arrive while a sync runs
 * fold into one more sync, which reads the default branch's head when it starts and keeps
 * `allowCloseAll` if any folded request asked for it (and `onlyIfNew` only if all did).
 * The queue lives in memory.
 */

export interface QueuedRequest {
  sha?: string;
  allowCloseAll?: boolean;
  /** A push's request: may be skipped when the head it reads was already synced. */
  onlyIfNew?: boolean;
}

type Runner<R> = (repo: string, request: QueuedRequest) => Promise<R>;

interface Pending<R> {
  allowCloseAll: boolean;
  onlyIfNew: boolean;
  waiters: Array<{ resolve: (result: R) => void; reject: (error: unknown) => void }>;
}

interface RepoLane<R> {
  running: Promise<void>;
  pending: Pending<R> | null;
}

export class SyncQueue<R> {
  readonly #lanes = new Map<string, RepoLane<R>>();
  #started = 0;

  constructor(private readonly run: Runner<R>) {}

  /** Resolves with the result of the sync that covers this request. */
  enqueue(repo: string, request: QueuedRequest): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const lane = this.#lanes.get(repo);
      if (!lane) {
        this.#start(repo, request, [{ resolve, reject }]);
        return;
      }
      lane.pending ??= { allowCloseAll: false, onlyIfNew: true, waiters: [] };
      lane.pending.allowCloseAll ||= request.allowCloseAll ?? false;
      lane.pending.onlyIfNew &&= request.onlyIfNew ?? false;
      lane.pending.waiters.push({ resolve, reject });
    });
  }

  /** Repositories with a sync running. */
  get active(): number {
    return this.#lanes.size;
  }

  /** Syncs started since the process began (folded requests count once). */
  get started(): number {
    return this.#started;
  }

  /** Waits until every running and folded sync has finished. */
  async drain(): Promise<void> {
    while (this.#lanes.size > 0)
      await Promise.allSettled([...this.#lanes.values()].map((l) => l.running));
  }

  #start(repo: string, request: QueuedRequest, waiters: Pending<R>["waiters"]): void {
    this.#started++;
    const lane: RepoLane<R> = { running: Promise.resolve(), pending: null };
    this.#lanes.set(repo, lane);
    lane.running = this.run(repo, request).then(
      (result) => this.#finish(repo, lane, waiters, (w) => w.resolve(result)),
      (error: unknown) => this.#finish(repo, lane, waiters, (w) => w.reject(error)),
    );
  }

  #finish(
    repo: string,
    lane: RepoLane<R>,
    waiters: Pending<R>["waiters"],
    settle: (waiter: Pending<R>["waiters"][number]) => void,
  ): void {
    for (const waiter of waiters) settle(waiter);
    this.#lanes.delete(repo);
    const next = lane.pending;
    if (next)
      this.#start(
        repo,
        { allowCloseAll: next.allowCloseAll, ...(next.onlyIfNew ? { onlyIfNew: true } : {}) },
        next.waiters,
      );
  }
}
