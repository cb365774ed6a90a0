/** Health endpoints, the jam check, start-up failures and graceful shutdown. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/server/logger.js";
import { StartupError, startServer } from "../../src/server/start-server.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import {
  type BotServer,
  DOC,
  LogCapture,
  REPO,
  recordingHandlers,
  serverSettings,
  startBot,
} from "./harness.js";
import { pushPayload } from "./payloads.js";

const gitea = useGiteaFake();
let bot: BotServer | undefined;

afterEach(async () => {
  await bot?.server.close();
  bot = undefined;
});

async function get(url: string) {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("health endpoints", () => {
  it("answers /healthz and /readyz, and 404 elsewhere", async () => {
    bot = await startBot(gitea.fake);
    expect(await get(`${bot.server.url}/healthz`)).toEqual({ status: 200, body: { status: "up" } });
    expect(await get(`${bot.server.url}/readyz`)).toMatchObject({
      status: 200,
      body: { status: "ready", login: "deferbot", syncsRunning: 0, reposQueued: 0 },
    });
    expect((await get(`${bot.server.url}/nope`)).status).toBe(404);
    expect((await get(bot.hookUrl)).status).toBe(404);
  });

  it("/readyz answers 503 while a sync has run longer than the jam limit", async () => {
    let clock = 1_000_000;
    bot = await startBot(gitea.fake, { now: () => clock, jamAfterMs: 60_000 });
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    gitea.fake.setLatency(500);
    const sync = bot.server.bot.sync(REPO);
    await new Promise((resolve) => setImmediate(resolve)); // started once its lock is taken

    clock += 59_000;
    expect((await get(`${bot.server.url}/readyz`)).status).toBe(200);
    clock += 2_000;
    expect(await get(`${bot.server.url}/readyz`)).toMatchObject({
      status: 503,
      body: { status: "jammed", repos: [REPO] },
    });
    expect((await get(`${bot.server.url}/healthz`)).status).toBe(200);

    gitea.fake.setLatency(0);
    await sync;
    expect((await get(`${bot.server.url}/readyz`)).status).toBe(200);
  });
});

describe("start-up failures", () => {
  it("a refused token stops start-up with one line", async () => {
    const settings = serverSettings(gitea.fake, { token: "wrong-token" });
    const start = startServer(settings, {
      handlers: recordingHandlers().handlers,
      log: createLogger("silent"),
    });
    await expect(start).rejects.toThrow(StartupError);
    await expect(start).rejects.toThrow(
      `GITEA_TOKEN was refused by ${gitea.fake.url} (401): check the token and its read:user scope`,
    );
  });

  it("a port in use stops start-up with one line", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const start = startServer(serverSettings(gitea.fake, { port }), {
        handlers: recordingHandlers().handlers,
        log: createLogger("silent"),
      });
      await expect(start).rejects.toThrow(`cannot listen on 127.0.0.1:${port} (EADDRINUSE)`);
    } finally {
      blocker.close();
    }
  });
});

describe("graceful shutdown", () => {
  it("lets a running sync finish before close() resolves, and stops accepting", async () => {
    bot = await startBot(gitea.fake);
    const sha = gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1), findingSpec(2)]));
    gitea.fake.setLatency(150);
    const answer = await bot.send(
      "push",
      pushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }),
    );
    expect(answer.status).toBe(200);
    expect(gitea.fake.repo(REPO).issues).toEqual([]);

    const result = await bot.server.close();
    expect(result).toEqual({ drained: true });
    // The findings' issues and the register's dashboard (SPEC §8, on by default).
    expect(gitea.fake.repo(REPO).issues).toHaveLength(2 + 1);
    expect(gitea.fake.repo(REPO).statuses.map((s) => [s.sha, s.state])).toEqual([[sha, "success"]]);
    await expect(fetch(`${bot.server.url}/healthz`)).rejects.toThrow();
  });

  it("gives up waiting after the bound and says so", async () => {
    bot = await startBot(gitea.fake, { shutdownTimeoutMs: 50 });
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    gitea.fake.setLatency(1_000);
    const sync = bot.server.bot.sync(REPO).catch(() => undefined);
    expect(await bot.server.close()).toEqual({ drained: false });
    gitea.fake.setLatency(0);
    await sync;
  });

  it("logs nothing but start-up lines when closed idle", async () => {
    const logs = new LogCapture();
    const server = await startServer(serverSettings(gitea.fake), {
      handlers: recordingHandlers().handlers,
      log: createLogger("info", logs),
    });
    expect(await server.close()).toEqual({ drained: true });
    expect(logs.records().map((r) => r.msg)).toEqual([
      "GITEA_TOKEN accepted",
      "deferbot serve listening",
    ]);
  });
});
