/**
 * Two Node processes on one Redis (SPEC §10): never inside one repository's sync at the same
 * time, and a holder killed with SIGKILL frees the lock by expiry. They run the built lock
 * (the global setup's build), as two `deferbot` processes would.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { createClient } from "@redis/client";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openRepoLock } from "../../src/replicas/open-repo-lock.js";
import { RedisServer, redisServerBinary } from "./support/redis-server.js";
import { eventually } from "./support/wait.js";

const CONTENDER = fileURLToPath(new URL("./support/contender.mjs", import.meta.url));
const ROUNDS = 30;

function contender(server: RedisServer, repo: string, ...args: string[]): ChildProcess {
  const child = spawn(
    process.execPath,
    [CONTENDER, inject("deferbotBuildDir"), server.url, repo, ...args],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  child.stdout?.setEncoding("utf8");
  return child;
}

/** Resolves with what the child printed after `ready`, once it exited. */
function run(child: ChildProcess): { ready: Promise<void>; result: Promise<string> } {
  let text = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout?.on("data", (chunk: string) => {
    text += chunk;
    if (text.startsWith("ready\n")) markReady();
  });
  const result = once(child, "exit").then(([code]) => {
    expect(code).toBe(0);
    return text.slice("ready\n".length);
  });
  return { ready, result };
}

describe.skipIf(redisServerBinary === null)("two processes on one Redis", () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await RedisServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it(`never overlap inside one repository's sync over ${ROUNDS} contended requests each`, async () => {
    const children = ["a", "b"].map((tag) =>
      contender(server, "o/contended", "contend", String(ROUNDS), tag),
    );
    const runs = children.map(run);
    await Promise.all(runs.map((r) => r.ready));
    for (const child of children) child.stdin?.end("go\n");
    const results = await Promise.all(runs.map((r) => r.result));
    const recorder = createClient({ url: server.url });
    await recorder.connect();
    const events = await recorder.lRange("events", 0, -1);
    await recorder.close();

    let inside: string | null = null;
    for (const event of events) {
      const [kind, tag] = event.split(" ");
      if (kind === "enter") {
        expect(inside, `${tag} entered while ${inside} was inside`).toBeNull();
        inside = tag ?? "";
      } else {
        expect(inside).toBe(tag);
        inside = null;
      }
    }
    expect(inside).toBeNull();
    const counts = results.map((text) => JSON.parse(text) as { syncs: number; deferred: number });
    const syncs = counts.reduce((sum, c) => sum + c.syncs, 0);
    expect(events.length).toBe(2 * syncs);
    // They really contended: some requests were left to the other process's pending key (a
    // holder may keep the lock through every pending sync, so one side may run them all).
    expect(syncs).toBeGreaterThan(0);
    expect(counts.some((c) => c.deferred > 0)).toBe(true);
  });

  it("frees by expiry the lock of a holder killed with SIGKILL", async () => {
    const child = contender(server, "o/killed", "hold", "800");
    const [line] = (await once(child.stdout as NodeJS.ReadableStream, "data")) as [string];
    expect(line).toBe("held\n");
    const lock = await openRepoLock({ redisUrl: server.url, lockTtlMs: 800 });
    try {
      const request = { allowCloseAll: false, onlyIfNew: false };
      expect((await lock.tryAcquire("o/killed", request)).lease).toBeNull();
      const exited = once(child, "exit");
      child.kill("SIGKILL");
      await exited;
      const lease = await eventually(
        async () => (await lock.tryAcquire("o/killed", request)).lease,
        "the lock of the killed process expires",
      );
      expect(await lease.stillHeld()).toBe(true);
    } finally {
      child.kill("SIGKILL");
      await lock.close();
    }
  });
});
