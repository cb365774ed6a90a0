/**
 * The Redis lock when things go wrong (SPEC §9, §10): a holder that stops extending, Redis
 * stopped and restarted under a running sync, Redis unreachable at start.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRepoLock } from "../../src/replicas/open-repo-lock.js";
import type { PendingRequest } from "../../src/replicas/pending-request.js";
import { RedisUnavailableError } from "../../src/replicas/redis-unavailable-error.js";
import { type Lease, LockLostError, type RepoLock } from "../../src/replicas/repo-lock.js";
import { runExclusive } from "../../src/replicas/run-exclusive.js";
import { freePort, RedisServer, redisServerBinary } from "./support/redis-server.js";
import { eventually } from "./support/wait.js";

const REQUEST: PendingRequest = { allowCloseAll: false, onlyIfNew: false };
const SHORT_TTL_MS = 600;

async function holder(lock: RepoLock, repo: string): Promise<Lease> {
  const { lease } = await lock.tryAcquire(repo, REQUEST);
  if (!lease) throw new Error(`expected to take the lock on ${repo}`);
  return lease;
}

describe("Redis unreachable at start", () => {
  it("is one clear error that the CLI maps to exit 3, naming the address but no password", async () => {
    const port = await freePort(); // nothing listens there
    const opening = openRepoLock({ redisUrl: `redis://deferbot:s3cret@127.0.0.1:${port}` });
    await expect(opening).rejects.toBeInstanceOf(RedisUnavailableError);
    const error = (await opening.catch((e: unknown) => e)) as RedisUnavailableError;
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(
      `Redis at redis://127.0.0.1:${port} (REDIS_URL) could not be reached: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });
});

describe.skipIf(redisServerBinary === null)("the Redis lock under failures", () => {
  let server: RedisServer;
  const opened: RepoLock[] = [];
  const open = async (lockTtlMs = SHORT_TTL_MS) => {
    const lock = await openRepoLock({ redisUrl: server.url, lockTtlMs });
    opened.push(lock);
    return lock;
  };

  beforeAll(async () => {
    server = await RedisServer.start();
  });
  afterAll(async () => {
    for (const lock of opened) await lock.close();
    await server?.stop();
  });

  it("keeps the lock past its TTL while the holder extends it", async () => {
    const [one, other] = [await open(), await open()];
    const lease = await holder(one, "o/extended");
    await new Promise((resolve) => setTimeout(resolve, SHORT_TTL_MS * 3));
    expect(await lease.stillHeld()).toBe(true);
    expect((await other.tryAcquire("o/extended", REQUEST)).lease).toBeNull();
  });

  it("frees by expiry a lock whose holder stopped extending it (its connection gone)", async () => {
    const [one, other] = [await open(), await open()];
    const lease = await holder(one, "o/died");
    await one.close(); // no release, no more extensions: as if the process had died
    expect((await other.tryAcquire("o/died", REQUEST)).lease).toBeNull();
    const next = await eventually(async () => {
      const { lease: taken } = await other.tryAcquire("o/died", REQUEST);
      return taken;
    }, "the other side takes the expired lock");
    expect(await next.stillHeld()).toBe(true);
    // The new holder has it now: requests fold behind it again, and the dead one knows it lost.
    expect((await other.tryAcquire("o/died", REQUEST)).lease).toBeNull();
    expect(lease.lost).toBe(true);
  });

  it("makes a holder stop writing when Redis restarts under it; acquisition waits and resumes", async () => {
    const [one, other] = [await open(10_000), await open(10_000)];
    const writes: string[] = [];
    let restarted: Promise<RepoLock> | null = null;
    const sync = async (_request: PendingRequest, lease: Lease) => {
      const run = writes.filter((w) => w.endsWith(":0")).length + 1;
      for (let step = 0; step < 4; step++) {
        if (!(await lease.stillHeld())) throw new LockLostError(lease.name);
        writes.push(`${run}:${step}`);
        if (run === 1 && step === 1) {
          await server.stop();
          await eventually(
            async () => (one.health().connected ? null : true),
            "/readyz and /metrics can tell Redis is gone",
          );
          expect(one.health().lastError).toMatch(/ECONNREFUSED|closed/i);
          // While Redis is down, the other side's acquisition (of another repository, so it does
          // not fold into this one) waits instead of failing.
          const waiting = other.tryAcquire("o/elsewhere", REQUEST);
          restarted = (async () => {
            await new Promise((resolve) => setTimeout(resolve, 200));
            await server.restart();
            const { lease: taken } = await waiting;
            expect(taken?.lost).toBe(false);
            await taken?.release();
            return other;
          })();
        }
      }
      return run;
    };
    const outcome = await runExclusive(one, "o/restart", REQUEST, sync);
    await restarted;
    // Run 1 stopped before its third write; run 2, after the restart, wrote everything.
    expect(writes).toEqual(["1:0", "1:1", "2:0", "2:1", "2:2", "2:3"]);
    expect(outcome).toEqual({ ran: true, result: 2, syncs: 2 });
    expect(one.health()).toEqual({ backend: "redis", connected: true });
  });

  it("marks a lease lost, and aborts its signal, when it cannot confirm the lock", async () => {
    const lock = await open(10_000);
    const lease = await holder(lock, "o/unconfirmed");
    await server.stop();
    try {
      expect(await lease.stillHeld()).toBe(false);
      expect(lease.lost).toBe(true);
      expect(lease.signal.reason).toBeInstanceOf(LockLostError);
    } finally {
      await server.restart();
    }
    // Redis came back empty: the lease stays lost (it never writes again), the lock is free.
    expect(await lease.stillHeld()).toBe(false);
    await eventually(async () => (lock.health().connected ? true : null), "reconnected");
    expect((await holder(lock, "o/unconfirmed")).lost).toBe(false);
  });
});

describe.skipIf(redisServerBinary === null)("runExclusive across two connections", () => {
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

  it("returns at once for requests another holder has; the holder runs one more sync for all", async () => {
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const seen: PendingRequest[] = [];
    const sync = async (request: PendingRequest) => {
      seen.push(request);
      if (seen.length === 1) await gate;
      return seen.length;
    };
    const running = runExclusive(one, "o/fold", REQUEST, sync);
    await eventually(async () => (seen.length === 1 ? true : null), "the first sync started");
    const push = { allowCloseAll: false, onlyIfNew: true };
    expect(await runExclusive(other, "o/fold", push, sync)).toEqual({ ran: false });
    expect(await runExclusive(other, "o/fold", { ...push, allowCloseAll: true }, sync)).toEqual({
      ran: false,
    });
    expect(await runExclusive(other, "o/fold", push, sync)).toEqual({ ran: false });
    open();
    expect(await running).toEqual({ ran: true, result: 1, syncs: 2 });
    expect(seen).toEqual([REQUEST, { allowCloseAll: true, onlyIfNew: true }]);
    expect((await one.tryAcquire("o/fold", REQUEST)).lease).not.toBeNull();
  });

  it("throws the caller's own failure after running the pending sync", async () => {
    let calls = 0;
    const sync = async () => {
      calls++;
      if (calls === 1) {
        expect(await runExclusive(other, "o/fail", REQUEST, async () => 0)).toEqual({ ran: false });
        throw new Error("Gitea answered 500");
      }
      return calls;
    };
    await expect(runExclusive(one, "o/fail", REQUEST, sync)).rejects.toThrow("Gitea answered 500");
    expect(calls).toBe(2);
  });
});
