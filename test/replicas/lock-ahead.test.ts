/**
 * The command line takes the repository's lock beside its first reads, and reads the default
 * branch's head once it holds it (SPEC §3.4 "Calls", §10): the head goes out in the first round
 * trip with `REDIS_URL` too, never before the lock is held, and a lock taken ahead of a sync
 * that does not start is released at once, not left to expire.
 */
import { createClient } from "@redis/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSync } from "../../src/cli/commands/sync.js";
import { httpFetch } from "../../src/gitea/http-fetch.js";
import { acquireAhead } from "../../src/replicas/acquire-ahead.js";
import { openRepoLock } from "../../src/replicas/open-repo-lock.js";
import { ProcessRepoLock } from "../../src/replicas/process-repo-lock.js";
import type { RepoLock } from "../../src/replicas/repo-lock.js";
import { isHandedOver, SyncQueue } from "../../src/sync/sync-queue.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { roundTripRecorder, tripsOf } from "../support/round-trips.js";
import { DOC, REPO } from "../support/sync-harness.js";
import { RedisServer, redisServerBinary } from "./support/redis-server.js";

const gitea = useGiteaFake();
const REQUEST = { allowCloseAll: false, onlyIfNew: false };
const HEAD_READ = /^GET \/repos\/acme\/widgets\/git\/commits\/HEAD$/;

/** The lock, counting the acquisitions that reach it. */
function counting(lock: RepoLock): { lock: RepoLock; acquisitions: () => number } {
  let acquisitions = 0;
  return {
    lock: {
      ttlMs: lock.ttlMs,
      tryAcquire: (...args) => {
        acquisitions++;
        return lock.tryAcquire(...args);
      },
      tryAcquireReconcile: (signal) => lock.tryAcquireReconcile(signal),
      health: () => lock.health(),
      close: () => lock.close(),
    },
    acquisitions: () => acquisitions,
  };
}

/**
 * Deferbot's transport, holding every answer until a request matching `awaited` has gone out
 * (or `timeoutMs` passed): on a loopback fake the first answers would otherwise arrive before
 * Redis has answered the lock's acquisition, whatever the order of the code.
 */
function holdingAnswersUntil(awaited: RegExp, timeoutMs = 5000): typeof globalThis.fetch {
  const send = httpFetch as unknown as typeof globalThis.fetch;
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  setTimeout(() => release(), timeoutMs).unref();
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (awaited.test(`${init?.method ?? "GET"} ${url.pathname.replace("/api/v1", "")}`)) release();
    const response = await send(input, init);
    await released;
    return response;
  };
}

describe("acquireAhead", () => {
  it("answers the queue's first acquisition of the repository with the one taken ahead", async () => {
    const store = counting(new ProcessRepoLock());
    const ahead = acquireAhead(store.lock, "o/r", REQUEST);
    expect((await ahead.acquired).lease).not.toBeNull();
    const queue = new SyncQueue(async (_repo, request) => request, { lock: ahead.lock });

    expect(await queue.enqueue("o/r", { sha: "abc" })).toEqual({ sha: "abc" });
    expect(store.acquisitions()).toBe(1);
    // The lease was released by the queue: the next sync takes the lock itself.
    expect(await queue.enqueue("o/r", {})).toEqual({});
    expect(store.acquisitions()).toBe(2);
    await ahead.abandon(); // taken by the queue: nothing to release twice
    expect(await queue.enqueue("o/r", {})).toEqual({});
  });

  it("abandon() releases a lease the queue never took", async () => {
    const lock = new ProcessRepoLock();
    const ahead = acquireAhead(lock, "o/r", REQUEST);
    expect((await lock.tryAcquire("o/r", REQUEST)).lease).toBeNull();
    await ahead.abandon();
    expect((await lock.tryAcquire("o/r", REQUEST)).lease).not.toBeNull();
  });

  it("hands the sync over when another holder had the lock", async () => {
    const lock = new ProcessRepoLock();
    const other = await lock.tryAcquire("o/r", REQUEST);
    const ahead = acquireAhead(lock, "o/r", REQUEST);
    const runs: unknown[] = [];
    const queue = new SyncQueue(async (_repo, request) => runs.push(request), {
      lock: ahead.lock,
    });
    expect(isHandedOver(await queue.enqueue("o/r", {}))).toBe(true);
    expect(runs).toEqual([]);
    expect(await other.lease?.takePendingOrRelease()).toEqual(REQUEST);
  });
});

describe.skipIf(redisServerBinary === null)("deferbot sync with REDIS_URL", () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await RedisServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  async function sync(env: Record<string, string>, fetch?: typeof globalThis.fetch) {
    let stderr = "";
    const code = await runSync(
      { repo: REPO },
      {
        ...(fetch ? { fetch } : {}),
        env: {
          GITEA_URL: gitea.fake.url,
          GITEA_TOKEN: "deferbot-token",
          REDIS_URL: server.url,
          ...env,
        },
        stdout: () => {},
        stderr: (text) => {
          stderr += text;
        },
      },
    );
    return { code, stderr };
  }

  it("reads the default branch's head in the first round trip, once the lock is held", async () => {
    gitea.fake.setFile(REPO, ".gitea/deferbot.yml", "dashboard: false\n");
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    const { fetch, sent } = roundTripRecorder(holdingAnswersUntil(HEAD_READ));
    expect((await sync({}, fetch)).code).toBe(0);

    expect(tripsOf(sent, /^GET \/user$/)).toEqual([1]);
    expect(tripsOf(sent, HEAD_READ)).toEqual([1]);
    expect(gitea.fake.repo(REPO).issues).toHaveLength(1);
  });

  it("does not read the head while another process holds the lock: it hands the sync over", async () => {
    const other = await openRepoLock({ redisUrl: server.url });
    try {
      const held = await other.tryAcquire(REPO, REQUEST);
      expect(held.lease).not.toBeNull();
      const { fetch, sent } = roundTripRecorder();
      const run = await sync({}, fetch);

      expect(run.code).toBe(0);
      expect(run.stderr).toContain("another deferbot process holds acme/widgets's lock");
      expect(tripsOf(sent, HEAD_READ)).toEqual([]);
      expect(sent.map((s) => s.request)).toEqual(["GET /repos/acme/widgets", "GET /user"]);
      expect(await held.lease?.takePendingOrRelease()).toEqual(REQUEST);
      await held.lease?.release();
    } finally {
      await other.close();
    }
  });

  it("a refused token: exit 2, and the lock taken ahead is released, not left to expire", async () => {
    const run = await sync({ GITEA_TOKEN: "not-the-token" });
    expect(run.code).toBe(2);
    const client = createClient({ url: server.url });
    await client.connect();
    try {
      // The lock is released in the background after the failure is reported.
      let keys: string[] = ["?"];
      for (let i = 0; i < 100 && keys.length > 0; i++) {
        keys = await client.keys("*");
        if (keys.length > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(keys).toEqual([]);
    } finally {
      await client.close();
    }
  });
});
