/**
 * The lock wired into the shell (SPEC §10), in one process: a turn handed over when another
 * holder has the lock, and asked again once its TTL passed; a sync whose lease is lost stops
 * before its next re-read; labels listed again before one is created; Redis unreachable at
 * start is one line and exit 3 for `serve` and `sync`.
 */
import { describe, expect, it } from "vitest";
import { runServe } from "../../src/cli/commands/serve.js";
import { runSync } from "../../src/cli/commands/sync.js";
import { LabelResolver } from "../../src/gitea/label-resolver.js";
import { ProcessRepoLock } from "../../src/replicas/process-repo-lock.js";
import { type Lease, LockLostError } from "../../src/replicas/repo-lock.js";
import { isHandedOver, SyncQueue } from "../../src/sync/sync-queue.js";
import { runEvent } from "../action/helpers.js";
import { clientFor } from "../gitea/helpers.js";
import { recordingHandlers, SECRET, TOKEN } from "../server/harness.js";
import { pushPayload } from "../server/payloads.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { harness, REPO } from "../support/sync-harness.js";
import { freePort } from "./support/redis-server.js";

const gitea = useGiteaFake();

describe("the queue under a lock another holder has", () => {
  it("hands the turn over, and asks again after followUpAfterMs, when the lock is free", async () => {
    const lock = new ProcessRepoLock();
    const other = await lock.tryAcquire("o/r", { allowCloseAll: false, onlyIfNew: false });
    const runs: unknown[] = [];
    const queue = new SyncQueue(
      async (_repo, request) => {
        runs.push(request);
        return "synced";
      },
      { lock, followUpAfterMs: 1 },
    );
    const outcome = await queue.enqueue("o/r", { sha: "abc", allowCloseAll: true });
    expect(isHandedOver(outcome)).toBe(true);
    expect(runs).toEqual([]);
    // The other holder runs the folded request itself when done (here: it only takes it).
    expect(await other.lease?.takePendingOrRelease()).toEqual({
      allowCloseAll: true,
      onlyIfNew: false,
    });
    await other.lease?.release();
    // The follow-up: a push's request, reading the head.
    for (let i = 0; i < 200 && runs.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(runs).toEqual([{ onlyIfNew: true }]);
  });
});

describe("a sync whose lease is lost", () => {
  it("stops before re-reading an issue to write, with LockLostError", async () => {
    const h = harness(gitea.fake);
    const sha = h.commit(renderRegister([findingSpec(1), findingSpec(2)]));
    await h.bot.syncNow(REPO, { sha });
    const edited = h.commit(
      renderRegister([findingSpec(1, { title: "Edited" }), findingSpec(2, { title: "Edited" })]),
    );
    let checks = 0;
    const lease: Lease = {
      name: REPO,
      lost: false,
      signal: new AbortController().signal,
      extend: async () => true,
      stillHeld: async () => ++checks < 1,
      takePendingOrRelease: async () => null,
      release: async () => {},
    };
    gitea.fake.resetRequests();
    await expect(h.bot.syncNow(REPO, { sha: edited }, undefined, lease)).rejects.toThrow(
      LockLostError,
    );
    expect(checks).toBeGreaterThan(0);
    expect(
      gitea.fake.requestsMatching({ route: "GET /repos/{owner}/{repo}/issues/{index}" }),
    ).toEqual([]);
    expect(gitea.fake.writes()).toEqual([]);
  });
});

describe("labels with refreshBeforeCreate", () => {
  it("lists again before creating, and reuses a label another process created meanwhile", async () => {
    const fake = gitea.fake;
    const client = clientFor(fake);
    const resolver = new LabelResolver({ refreshBeforeCreate: true });
    await resolver.resolve(client, ["bug"]); // listed, then created
    const byOther = fake.addLabel(REPO, { name: "risk/high" });
    fake.resetRequests();
    expect(await resolver.resolve(client, ["risk/high"])).toEqual([byOther.id]);
    expect(fake.writes()).toEqual([]);
    expect(fake.repo(REPO).labels.map((label) => label.name)).toEqual(["bug", "risk/high"]);
  });
});

describe("Redis unreachable at start", () => {
  it("stops serve and sync with one line and exit 3", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const env = {
      GITEA_URL: gitea.fake.url,
      GITEA_TOKEN: TOKEN,
      WEBHOOK_SECRET: SECRET,
      HOST: "127.0.0.1",
      PORT: String(await freePort()),
      REDIS_URL: url,
      LOG_LEVEL: "silent",
    };
    const lines: string[] = [];
    const stderr = (text: string) => lines.push(text);
    const served = await runServe({
      env,
      stderr,
      handlers: recordingHandlers().handlers,
      stopSignal: () => new Promise(() => {}),
    });
    expect(served).toBe(3);
    const synced = await runSync({ repo: REPO }, { env, stderr, stdout: () => {} });
    expect(synced).toBe(3);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(
        `^deferbot serve: Redis at ${url} \\(REDIS_URL\\) could not be reached: .*ECONNREFUSED`,
      ),
    );
    expect(lines[1]).toMatch(new RegExp(`^deferbot sync: Redis at ${url} \\(REDIS_URL\\)`));
  });

  it("stops action with one line and exit 3", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const run = await runEvent(gitea.fake, "push", pushPayload({ after: "a".repeat(40) }), {
      REDIS_URL: url,
    });
    expect(run.code).toBe(3);
    expect(run.stderr.split("\n").filter(Boolean)).toEqual([
      expect.stringMatching(
        new RegExp(`^deferbot action: Redis at ${url} \\(REDIS_URL\\) could not be reached: `),
      ),
    ]);
  });
});
