import { describe, expect, it } from "vitest";
import { type QueuedRequest, SyncQueue } from "../../src/sync/sync-queue.js";

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("SyncQueue", () => {
  it("runs one sync at a time per repository and folds the requests that wait into one", async () => {
    const calls: Array<{ repo: string; request: QueuedRequest }> = [];
    const gates: Array<ReturnType<typeof deferred>> = [];
    const queue = new SyncQueue(async (repo, request) => {
      calls.push({ repo, request });
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
      return calls.length;
    });

    const first = queue.enqueue("o/r", { sha: "aaa" });
    const second = queue.enqueue("o/r", { sha: "bbb" });
    const third = queue.enqueue("o/r", { sha: "ccc", allowCloseAll: true });
    const fourth = queue.enqueue("o/r", { sha: "ddd" });
    await new Promise((r) => setImmediate(r)); // the sync starts once its lock is taken
    expect(calls).toEqual([{ repo: "o/r", request: { sha: "aaa" } }]);

    gates[0]?.resolve();
    expect(await first).toBe(1);
    await new Promise((r) => setImmediate(r));
    // The folded sync reads the head itself (no sha) and keeps allowCloseAll from any request.
    expect(calls[1]).toEqual({ repo: "o/r", request: { allowCloseAll: true } });
    expect(calls).toHaveLength(2);

    gates[1]?.resolve();
    expect(await Promise.all([second, third, fourth])).toEqual([2, 2, 2]);
    expect(queue.started).toBe(2);
    expect(queue.active).toBe(0);
  });

  it("keeps onlyIfNew on a folded sync only when every folded request had it", async () => {
    const calls: QueuedRequest[] = [];
    const gate = deferred();
    const queue = new SyncQueue(async (_repo, request) => {
      calls.push(request);
      if (calls.length === 1) await gate.promise;
    });
    const first = queue.enqueue("o/r", { sha: "a", onlyIfNew: true });
    const pushes = [
      queue.enqueue("o/r", { onlyIfNew: true }),
      queue.enqueue("o/r", { onlyIfNew: true }),
    ];
    gate.resolve();
    await Promise.all([first, ...pushes]);
    expect(calls[1]).toEqual({ allowCloseAll: false, onlyIfNew: true });

    const gate2 = deferred();
    calls.length = 0;
    const queue2 = new SyncQueue(async (_repo, request) => {
      calls.push(request);
      if (calls.length === 1) await gate2.promise;
    });
    const running = queue2.enqueue("o/r", {});
    const mixed = [queue2.enqueue("o/r", { onlyIfNew: true }), queue2.enqueue("o/r", {})];
    gate2.resolve();
    await Promise.all([running, ...mixed]);
    expect(calls[1]).toEqual({ allowCloseAll: false });
  });

  it("runs at most maxRunning repositories at once, in arrival order, folding into waiting turns", async () => {
    const order: Array<{ repo: string; request: QueuedRequest }> = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const queue = new SyncQueue(
      async (repo, request) => {
        order.push({ repo, request });
        const gate = deferred();
        gates.set(repo, gate);
        await gate.promise;
      },
      { maxRunning: 1 },
    );
    const a = queue.enqueue("a/1", { sha: "a1" });
    const b = queue.enqueue("b/2", { sha: "b1", onlyIfNew: true });
    const c = queue.enqueue("c/3", { sha: "c1" });
    const b2 = queue.enqueue("b/2", { sha: "b2", onlyIfNew: true });
    await new Promise((r) => setImmediate(r));
    expect(order.map((o) => o.repo)).toEqual(["a/1"]);
    expect(queue.running).toBe(1);
    expect(queue.active).toBe(3);

    gates.get("a/1")?.resolve();
    await a;
    await new Promise((r) => setImmediate(r));
    // b's two waiting requests are one turn, reading the head (their commits differ).
    expect(order[1]).toEqual({ repo: "b/2", request: { allowCloseAll: false, onlyIfNew: true } });
    gates.get("b/2")?.resolve();
    await Promise.all([b, b2]);
    await new Promise((r) => setImmediate(r));
    expect(order[2]).toEqual({ repo: "c/3", request: { sha: "c1" } });
    gates.get("c/3")?.resolve();
    await c;
    expect(queue.started).toBe(3);
    expect(queue.active).toBe(0);
  });

  it("runs different repositories side by side", async () => {
    const running = new Set<string>();
    let most = 0;
    const gate = deferred();
    const queue = new SyncQueue(async (repo) => {
      running.add(repo);
      most = Math.max(most, running.size);
      await gate.promise;
      running.delete(repo);
    });
    const all = ["a/1", "a/2", "a/3"].map((repo) => queue.enqueue(repo, {}));
    expect(queue.active).toBe(3);
    gate.resolve();
    await Promise.all(all);
    expect(most).toBe(3);
  });

  it("passes a failure to the waiters of that sync and goes on with the folded one", async () => {
    let n = 0;
    const gate = deferred();
    const queue = new SyncQueue(async () => {
      n++;
      if (n === 1) {
        await gate.promise;
        throw new Error("gitea down");
      }
      return "ok";
    });
    const first = queue.enqueue("o/r", {});
    const folded = queue.enqueue("o/r", {});
    gate.resolve();
    await expect(first).rejects.toThrow("gitea down");
    await expect(folded).resolves.toBe("ok");
  });

  it("drain waits for the running and the folded syncs", async () => {
    const finished: string[] = [];
    const queue = new SyncQueue(async (_repo, request) => {
      await new Promise((r) => setTimeout(r, 5));
      finished.push(request.sha ?? "head");
    });
    void queue.enqueue("o/r", { sha: "a" });
    void queue.enqueue("o/r", { sha: "b" });
    await queue.drain();
    expect(finished).toEqual(["a", "head"]);
  });
});
