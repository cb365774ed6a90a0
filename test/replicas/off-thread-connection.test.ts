/**
 * What the off-thread Redis connection adds to the lock's contract (the rest runs on both
 * connections in repo-lock-contract and redis-repo-lock): no worker thread outlives a failed open
 * or `close()`, so a one-shot command still ends by itself, and a worker that crashes is a Redis
 * failure (`RedisUnavailableError`, exit 3), never a wait. It runs the global setup's tsc build:
 * the worker thread runs JavaScript.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type * as OffThread from "../../src/replicas/off-thread-redis-connection.js";
import type * as Open from "../../src/replicas/open-repo-lock.js";
import type * as Unavailable from "../../src/replicas/redis-unavailable-error.js";
import { built } from "./support/lock-variants.js";
import { freePort, RedisServer, redisServerBinary } from "./support/redis-server.js";
import { eventually } from "./support/wait.js";

const CHILD = fileURLToPath(new URL("./support/off-thread-child.mjs", import.meta.url));
/** Far beyond what the child needs; only a thread left alive keeps it running that long. */
const HANG_MS = 20_000;

/** Runs the child; `exited` false when it was still running after HANG_MS (then killed). */
async function runChild(url: string, mode: string) {
  const child = spawn(process.execPath, [CHILD, inject("deferbotBuildDir"), url, mode], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  const exit = once(child, "exit").then(([code]) => code as number | null);
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<"hung">((resolve) => {
    timer = setTimeout(() => resolve("hung"), HANG_MS);
  });
  const outcome = await Promise.race([exit, hung]);
  clearTimeout(timer);
  if (outcome === "hung") {
    child.kill("SIGKILL");
    await exit;
    return { exited: false, code: null, stdout };
  }
  return { exited: true, code: outcome, stdout };
}

let open: typeof Open;
let offThread: typeof OffThread;
let unavailable: typeof Unavailable;
const dirs: string[] = [];
beforeAll(async () => {
  open = await built<typeof Open>("src/replicas/open-repo-lock.ts");
  offThread = await built<typeof OffThread>("src/replicas/off-thread-redis-connection.ts");
  unavailable = await built<typeof Unavailable>("src/replicas/redis-unavailable-error.ts");
});
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A worker script: `source` runs in it (as an ES module) in place of the real entry. */
function workerScript(source: string): URL {
  const dir = mkdtempSync(join(tmpdir(), "deferbot-redis-worker-"));
  dirs.push(dir);
  const path = join(dir, "worker.mjs");
  writeFileSync(path, source);
  return pathToFileURL(path);
}

const realEntry = () =>
  pathToFileURL(join(inject("deferbotBuildDir"), "src/replicas/redis-connection-worker.js")).href;

describe("the off-thread connection, Redis unreachable at start", () => {
  it("fails with the in-thread message, and leaves no thread that would keep the process alive", async () => {
    const port = await freePort(); // nothing listens there
    const run = await runChild(`redis://deferbot:s3cret@127.0.0.1:${port}`, "open-fails");
    expect(run.exited, "the process did not end: a worker thread was left").toBe(true);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      name: "RedisUnavailableError",
      message: `Redis at redis://127.0.0.1:${port} (REDIS_URL) could not be reached: connect ECONNREFUSED 127.0.0.1:${port}`,
    });
  });
});

describe.skipIf(redisServerBinary === null)(
  "the off-thread connection on a real redis-server",
  () => {
    let server: RedisServer;
    beforeAll(async () => {
      server = await RedisServer.start();
    });
    afterAll(async () => {
      await server?.stop();
    });

    it("leaves no live worker after close(): the process ends by itself", async () => {
      const run = await runChild(server.url, "close");
      expect(run.exited, "the process did not end: close() left the worker thread alive").toBe(
        true,
      );
      expect(run.code).toBe(0);
      // Closed, it tells what the in-thread client tells: not connected, and no error.
      expect(JSON.parse(run.stdout)).toEqual({
        held: true,
        open: { backend: "redis", connected: true },
        closed: { backend: "redis", connected: false },
      });
    });

    it("tells connected false while Redis is stopped, with the error, and true once it is back", async () => {
      const connection = await offThread.OffThreadRedisConnection.open({
        url: server.url,
        commandTimeoutMs: 1_000,
      });
      try {
        expect(connection.connected).toBe(true);
        expect(await connection.setIfAbsent("deferbot:test:state", "1", 10_000)).toBe(true);
        await server.stop();
        await eventually(async () => (connection.connected ? null : true), "connected turns false");
        expect(connection.lastError).toMatch(/ECONNREFUSED|closed/i);
        await expect(connection.get("deferbot:test:state")).rejects.toThrow();
        await server.restart();
        await eventually(async () => (connection.connected ? true : null), "connected turns true");
        expect(connection.lastError).toBeUndefined();
        // Redis came back empty: the answers are the new server's.
        expect(await connection.get("deferbot:test:state")).toBeNull();
      } finally {
        await connection.close();
      }
    });

    it("makes a worker that crashes a Redis failure: calls reject with RedisUnavailableError, nothing waits", async () => {
      // The real entry, plus a listener that throws on the first GET: an uncaught error in the worker.
      const entry = workerScript(
        [
          'import { parentPort } from "node:worker_threads";',
          `await import(${JSON.stringify(realEntry())});`,
          'parentPort.on("message", (request) => {',
          '  if (request.op === "get") throw new Error("the worker crashed on purpose");',
          "});",
          "",
        ].join("\n"),
      );
      const errors: string[] = [];
      const lock = await open.openRepoLock(
        { redisUrl: server.url, lockTtlMs: 10_000, onError: (e) => errors.push(String(e)) },
        (options) => offThread.OffThreadRedisConnection.open(options, entry),
      );
      try {
        const { lease } = await lock.tryAcquire("o/crash", {
          allowCloseAll: false,
          onlyIfNew: false,
        });
        expect(lease).not.toBeNull();
        expect(await lease?.stillHeld()).toBe(false); // the GET that crashed it
        expect(lease?.lost).toBe(true);
        expect(lock.health()).toEqual({
          backend: "redis",
          connected: false,
          lastError: "the thread of its connection stopped (the worker crashed on purpose)",
        });
        // Acquisition, which waits while Redis is unreachable, does not wait for a dead thread.
        const acquiring = lock.tryAcquire("o/crash", { allowCloseAll: false, onlyIfNew: false });
        await expect(acquiring).rejects.toBeInstanceOf(unavailable.RedisUnavailableError);
        await expect(acquiring).rejects.toMatchObject({
          exitCode: 3,
          message: `Redis at ${server.url} (REDIS_URL) could not be reached: the thread of its connection stopped (the worker crashed on purpose)`,
        });
        expect(errors.some((e) => e.includes("the worker crashed on purpose"))).toBe(true);
      } finally {
        await lock.close();
      }
    });

    it("makes a worker that dies before connecting an unreachable Redis", async () => {
      const entry = workerScript('throw new Error("no Redis client here");\n');
      const opening = offThread.OffThreadRedisConnection.open(
        { url: server.url, commandTimeoutMs: 1_000 },
        entry,
      );
      await expect(opening).rejects.toBeInstanceOf(unavailable.RedisUnavailableError);
      await expect(opening).rejects.toThrow(
        `Redis at ${server.url} (REDIS_URL) could not be reached: the thread of its connection stopped (no Redis client here)`,
      );
    });
  },
);
