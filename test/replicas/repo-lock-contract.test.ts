/**
 * What the queue relies on, for both locks: the one in process memory (no `REDIS_URL`) and the
 * one in a real Redis, where the two sides use separate connections, as two processes would.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRepoLock } from "../../src/replicas/open-repo-lock.js";
import type { PendingRequest } from "../../src/replicas/pending-request.js";
import type { Lease, RepoLock } from "../../src/replicas/repo-lock.js";
import { RedisServer, redisServerBinary } from "./support/redis-server.js";

const PUSH: PendingRequest = { allowCloseAll: false, onlyIfNew: true };
const COMMAND: PendingRequest = { allowCloseAll: false, onlyIfNew: false };
const CLOSE_ALL: PendingRequest = { allowCloseAll: true, onlyIfNew: false };

interface Sides {
  one: RepoLock;
  other: RepoLock;
}

let repoCounter = 0;
const freshRepo = () => `owner/repo-${++repoCounter}`;

async function take(lock: RepoLock, repo: string, request = COMMAND): Promise<Lease> {
  const acquired = await lock.tryAcquire(repo, request);
  if (!acquired.lease) throw new Error(`expected to take the lock on ${repo}`);
  return acquired.lease;
}

function contract(sides: () => Sides) {
  it("lets one holder in at a time; the other's request waits in the pending key", async () => {
    const { one, other } = sides();
    const repo = freshRepo();
    const lease = await take(one, repo);
    expect(await other.tryAcquire(repo, PUSH)).toEqual({ lease: null });
    expect(await one.tryAcquire(repo, PUSH)).toEqual({ lease: null });
    expect(await lease.stillHeld()).toBe(true);
  });

  it("hands the caller's own request back when nothing was left pending (the queue keeps its commit)", async () => {
    const { one } = sides();
    const request = { ...PUSH };
    const acquired = await one.tryAcquire(freshRepo(), request);
    expect(acquired.lease).not.toBeNull();
    expect(acquired.lease && acquired.request).toBe(request);
    await acquired.lease?.release();
  });

  it("folds N requests into one pending sync that keeps allowCloseAll if any asked", async () => {
    const { one, other } = sides();
    const repo = freshRepo();
    const lease = await take(one, repo);
    for (const request of [PUSH, PUSH, CLOSE_ALL, PUSH, PUSH]) {
      expect((await other.tryAcquire(repo, request)).lease).toBeNull();
    }
    expect(await lease.takePendingOrRelease()).toEqual({ allowCloseAll: true, onlyIfNew: false });
    // Still held for that one more sync; nothing else is pending, so the next call releases.
    expect((await other.tryAcquire(repo, PUSH)).lease).toBeNull();
    expect(await lease.takePendingOrRelease()).toEqual({ allowCloseAll: false, onlyIfNew: true });
    expect(await lease.takePendingOrRelease()).toBeNull();
    const next = await other.tryAcquire(repo, PUSH);
    expect(next.lease).not.toBeNull();
    expect(next).toMatchObject({ request: PUSH });
  });

  it("keeps a push's pending sync skippable only while every folded request was a push", async () => {
    const { one, other } = sides();
    const repo = freshRepo();
    const lease = await take(one, repo);
    await other.tryAcquire(repo, PUSH);
    await other.tryAcquire(repo, PUSH);
    expect(await lease.takePendingOrRelease()).toEqual({ allowCloseAll: false, onlyIfNew: true });
    await other.tryAcquire(repo, PUSH);
    await other.tryAcquire(repo, COMMAND);
    expect(await lease.takePendingOrRelease()).toEqual({ allowCloseAll: false, onlyIfNew: false });
  });

  it("frees the lock when the holder is done and nothing is pending", async () => {
    const { one, other } = sides();
    const repo = freshRepo();
    const lease = await take(one, repo);
    expect(await lease.takePendingOrRelease()).toBeNull();
    expect(await lease.stillHeld()).toBe(false);
    const second = await take(other, repo);
    expect(await second.stillHeld()).toBe(true);
  });

  it("lets only the holder extend or release: an old lease cannot touch the next holder's lock", async () => {
    const { one, other } = sides();
    const repo = freshRepo();
    const old = await take(one, repo);
    await old.release();
    const current = await take(other, repo);
    await old.release();
    expect(await old.extend()).toBe(false);
    expect(await old.stillHeld()).toBe(false);
    expect(await old.takePendingOrRelease()).toBeNull();
    expect(await current.stillHeld()).toBe(true);
    expect(await current.extend()).toBe(true);
    expect((await one.tryAcquire(repo, PUSH)).lease).toBeNull();
  });

  it("runs the reconcile in one process at a time, folding nothing", async () => {
    const { one, other } = sides();
    const lease = await one.tryAcquireReconcile();
    expect(lease).not.toBeNull();
    expect(await other.tryAcquireReconcile()).toBeNull();
    await lease?.release();
    const next = await other.tryAcquireReconcile();
    expect(next).not.toBeNull();
    await next?.release();
  });

  it("keeps repositories apart", async () => {
    const { one, other } = sides();
    await take(one, freshRepo());
    const lease = await take(other, freshRepo());
    expect(await lease.stillHeld()).toBe(true);
  });
}

describe("ProcessRepoLock (no REDIS_URL)", () => {
  let lock: RepoLock;
  beforeAll(async () => {
    lock = await openRepoLock({});
  });

  it("is the in-process lock, always connected", () => {
    expect(lock.health()).toEqual({ backend: "process", connected: true });
  });

  // One process: both sides share the one lock, as the queue's lanes would.
  contract(() => ({ one: lock, other: lock }));
});

describe.skipIf(redisServerBinary === null)(
  "RedisRepoLock (REDIS_URL, a real redis-server)",
  () => {
    let server: RedisServer;
    let one: RepoLock;
    let other: RepoLock;
    beforeAll(async () => {
      server = await RedisServer.start();
      one = await openRepoLock({ redisUrl: server.url, lockTtlMs: 10_000 });
      other = await openRepoLock({ redisUrl: server.url, lockTtlMs: 10_000 });
    });
    afterAll(async () => {
      await one?.close();
      await other?.close();
      await server?.stop();
    });

    it("is the Redis lock, connected", () => {
      expect(one.health()).toEqual({ backend: "redis", connected: true });
    });

    contract(() => ({ one, other }));
  },
);
