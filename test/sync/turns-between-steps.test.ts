/**
 * The steps after a parse (issue fields, twins, the plan, the dashboard) each hold the thread for
 * tens of milliseconds on a big register; they run as tasks of their own, so what came in meanwhile
 * (a webhook delivery, another repository's answers) is handled between them (SPEC §4).
 */
import { describe, expect, it } from "vitest";
import { createGiteaOctokit } from "../../src/gitea/create-octokit.js";
import { httpFetch } from "../../src/gitea/http-fetch.js";
import { Deferbot } from "../../src/service/deferbot.js";
import { parseInline, type RegisterParser } from "../../src/sync/parse-cache.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { BOT, DOC, REPO } from "../support/sync-harness.js";

const gitea = useGiteaFake();
const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe("a sync's steps after the parse", () => {
  it("let a task queued as the parse ends run before the plan's first write", async () => {
    gitea.fake.setFile(REPO, ".gitea/deferbot.yml", "dashboard: false\n");
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1), findingSpec(2)]));
    let inFlight = 0;
    const writes: string[] = [];
    const fetch = (async (input: string | URL, init?: { method?: string }) => {
      if ((init?.method ?? "GET") !== "GET") writes.push(`${init?.method} ${String(input)}`);
      inFlight++;
      try {
        return await httpFetch(input, init);
      } finally {
        inFlight--;
      }
    }) as unknown as typeof globalThis.fetch;
    let writesSeenByQueuedTask: number | undefined;
    // The parse ends once every read is answered, so no answer is left to give the loop a turn.
    const parse: RegisterParser = async (bytes, config) => {
      while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 5));
      const result = await parseInline(bytes, config);
      setImmediate(() => {
        writesSeenByQueuedTask = writes.length;
      });
      return result;
    };
    const octokit = createGiteaOctokit({
      token: "deferbot-token",
      apiBaseUrl: gitea.fake.apiUrl,
      log: silent,
      fetch,
    });
    const bot = new Deferbot({ octokit, botLogin: BOT, concurrency: 4, parse });

    const result = await bot.syncNow(REPO, {});

    expect(result.status.state).toBe("success");
    expect(writes.filter((w) => /^POST .*\/issues$/.test(w))).toHaveLength(2);
    expect(writesSeenByQueuedTask).toBe(0);
  });
});
