/**
 * `deferbot sync` and `deferbot action` with `REDIS_URL` as processes (the global setup's build,
 * where the Redis connection runs on its worker thread, as in the bundle): they take the lock
 * the servers take, end by themselves once done, and stop with one line and exit 3 when Redis
 * cannot be reached (SPEC §9, §10).
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { inThreadRedis } from "../../src/replicas/in-thread-redis.js";
import { openRepoLock } from "../../src/replicas/open-repo-lock.js";
import { actionsEnv, actionsPushPayload, BOT_TOKEN, writeEvent } from "../action/helpers.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { PROJECT_ROOT } from "../support/shared.js";
import { DOC, REPO } from "../support/sync-harness.js";
import { freePort, RedisServer, redisServerBinary } from "./support/redis-server.js";

const gitea = useGiteaFake();
/** Far beyond what a run needs; only something left alive keeps a process running that long. */
const HANG_MS = 30_000;

interface BinRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built bin with only `env` (and PATH); rejects when it has not ended after HANG_MS. */
async function runBin(args: string[], env: Record<string, string | undefined>): Promise<BinRun> {
  const child = spawn(process.execPath, [inject("deferbotBin"), ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), HANG_MS);
  const [code, signal] = (await once(child, "exit")) as [number | null, string | null];
  clearTimeout(timer);
  if (signal === "SIGKILL") throw new Error(`deferbot ${args[0]} did not end by itself`);
  return { code, stdout, stderr };
}

const syncEnv = (redisUrl: string) => ({
  GITEA_URL: gitea.fake.url,
  GITEA_TOKEN: BOT_TOKEN,
  REDIS_URL: redisUrl,
});

describe("Redis unreachable at start", () => {
  it("stops deferbot sync with one line and exit 3", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    const run = await runBin(["sync", "--repo", REPO], syncEnv(url));
    expect(run.code).toBe(3);
    expect(run.stderr.split("\n").filter(Boolean)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^deferbot sync: Redis at ${url} \\(REDIS_URL\\) could not be reached: connect ECONNREFUSED`,
        ),
      ),
    ]);
    expect(gitea.fake.writes()).toEqual([]);
  });

  it("stops deferbot action with one line and exit 3", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const sha = gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    const eventPath = writeEvent(
      actionsPushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
    );
    const run = await runBin(
      ["action"],
      actionsEnv(gitea.fake, "push", eventPath, { REDIS_URL: url }),
    );
    expect(run.code).toBe(3);
    expect(run.stderr.split("\n").filter(Boolean)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^deferbot action: Redis at ${url} \\(REDIS_URL\\) could not be reached: connect ECONNREFUSED`,
        ),
      ),
    ]);
    expect(gitea.fake.writes()).toEqual([]);
  });
});

describe.skipIf(redisServerBinary === null)("with a real redis-server", () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await RedisServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("deferbot sync hands over to the lock's holder, then syncs once it is free, and ends", async () => {
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1), findingSpec(2)]));
    const holder = await openRepoLock({ redisUrl: server.url, lockTtlMs: 10_000 }, inThreadRedis);
    try {
      const { lease } = await holder.tryAcquire(REPO, { allowCloseAll: false, onlyIfNew: false });
      const handedOver = await runBin(["sync", "--repo", REPO], syncEnv(server.url));
      expect(handedOver.stderr).toContain(`another deferbot process holds ${REPO}'s lock`);
      expect(handedOver.code).toBe(0);
      expect(gitea.fake.writes()).toEqual([]);
      // The CLI's request waits in the pending key for the holder: it runs it when done.
      expect(await lease?.takePendingOrRelease()).toEqual({
        allowCloseAll: false,
        onlyIfNew: false,
      });
      await lease?.release();
    } finally {
      await holder.close();
    }
    const synced = await runBin(["sync", "--repo", REPO], syncEnv(server.url));
    expect(synced.code).toBe(0);
    expect(synced.stdout).toContain("success: 2 created");
    const titles = gitea.fake.repo(REPO).issues.map((issue) => issue.title.slice(0, 7));
    expect(titles).toEqual(expect.arrayContaining(["TD-001:", "TD-002:"]));
  });

  it("deferbot action syncs a push under the lock and ends", async () => {
    const sha = gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    const eventPath = writeEvent(
      actionsPushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
    );
    const run = await runBin(
      ["action"],
      actionsEnv(gitea.fake, "push", eventPath, { REDIS_URL: server.url }),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`sync ${REPO} at ${sha.slice(0, 12)}: success: 1 created`);
  });
});
