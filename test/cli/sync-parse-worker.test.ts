/**
 * `deferbot sync` parses on a worker thread started ahead (SPEC §4): the worker is started
 * before the first request, takes the register's parse under the server's limits, and a run
 * that never parses ends with no thread left. The workers are the tsc build's, recorded.
 */
import { describe, expect, it } from "vitest";
import { runSync, type SyncOptions } from "../../src/cli/commands/sync.js";
import { parserStartedAhead } from "../../src/sync/worker-parser.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { recordingParseWorkers } from "../support/source-parse-worker.js";
import { DOC, REPO } from "../support/sync-harness.js";
import { trackingIssues } from "../support/tracking-issues.js";

const gitea = useGiteaFake();
const register = (from: number, to: number) =>
  renderRegister(Array.from({ length: to - from + 1 }, (_, i) => findingSpec(from + i)));

/** Runs `deferbot sync`; `log` gets each request as it is sent, the workers are recorded against it. */
async function run(options: Partial<SyncOptions> = {}, env: Record<string, string> = {}) {
  const log: string[] = [];
  const { start, started } = recordingParseWorkers(log);
  let stdout = "";
  let stderr = "";
  const code = await runSync(
    { repo: REPO, ...options },
    {
      env: { GITEA_URL: gitea.fake.url, GITEA_TOKEN: "deferbot-token", ...env },
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      pauseMs: 0,
      fetch: (input, init) => {
        log.push(`${init?.method ?? "GET"} ${decodeURIComponent(new URL(String(input)).pathname)}`);
        return globalThis.fetch(input, init);
      },
      parser: (limits) => parserStartedAhead(limits, start),
    },
  );
  return { code, stdout, stderr, log, started };
}

const openIssues = () =>
  trackingIssues(gitea.fake.repo(REPO).issues).filter((issue) => issue.state === "open");

describe("deferbot sync's parse worker", () => {
  it("is started before the first request and parses the register", async () => {
    gitea.fake.setFile(REPO, DOC, register(1, 3));
    const { code, log, started } = await run();
    expect(code).toBe(0);
    expect(openIssues()).toHaveLength(3);

    // Started before any request, so before the register's; asked to parse once, then gone.
    expect(started).toHaveLength(1);
    expect(started[0]?.loggedBefore).toBe(0);
    expect(log.findIndex((request) => request.endsWith(`/raw/${DOC}`))).toBeGreaterThan(0);
    expect(started[0]?.posted[0]).toBe("parse");
    expect(started[0]?.posted.filter((command) => command === "parse")).toHaveLength(1);
    expect(started[0]?.exited).toBe(true);
  });

  it("parses under DEFERBOT_PARSE_TIMEOUT: past it the sync is too-complex, exit 1, nothing closed", async () => {
    gitea.fake.setFile(REPO, DOC, register(1, 2));
    expect((await run()).code).toBe(0);
    expect(openIssues()).toHaveLength(2);

    // TD-002 left out: a sync that read this register would close its issue.
    gitea.fake.setFile(REPO, DOC, `${register(1, 1)}\n${register(3, 300)}`);
    gitea.fake.setFile(REPO, ".gitea/deferbot.yml", "maxCreates: 1\n");
    const { code, stderr, started } = await run({}, { DEFERBOT_PARSE_TIMEOUT: "1ms" });
    expect(stderr).toMatch(/Reading the document took longer than 1 ms/);
    expect(code).toBe(1);
    expect(openIssues().map((issue) => issue.title.split(":")[0])).toEqual(["TD-001", "TD-002"]);
    expect(trackingIssues(gitea.fake.repo(REPO).issues)).toHaveLength(2);
    expect(gitea.fake.repo(REPO).statuses.at(-1)).toMatchObject({ state: "failure" });
    expect(started.map((worker) => worker.exited)).toEqual([true]);
  });

  it("--all: the first parse takes the worker started ahead, each later one a worker of its own", async () => {
    gitea.fake.setFile(REPO, DOC, register(1, 1));
    gitea.fake.addRepo({ owner: "ops", name: "infra", collaborators: { deferbot: "admin" } });
    gitea.fake.setFile("ops/infra", DOC, register(7, 7));
    const { code, started } = await run({ repo: undefined, all: true });
    expect(code).toBe(0);
    expect(started.map((worker) => worker.loggedBefore)[0]).toBe(0);
    expect(started.map((worker) => worker.posted[0])).toEqual(["parse", "parse"]);
    expect(started.map((worker) => worker.exited)).toEqual([true, true]);
  });

  it.each([
    ["the token is refused", {}, { GITEA_TOKEN: "revoked-token" }, 2],
    ["the register is missing", {}, {}, 0],
    ["the repository does not exist", { repo: "acme/nothing" }, {}, 2],
  ] as const)(
    "a run that never parses (%s) leaves no worker behind",
    async (_name, options, env, exitCode) => {
      const { code, started } = await run(options, env);
      expect(code).toBe(exitCode);
      expect(started).toHaveLength(1);
      expect(started[0]?.posted).toEqual([]);
      expect(started[0]?.exited).toBe(true);
    },
  );

  it("a usage error starts no worker", async () => {
    const { code, started } = await run({ repo: "widgets" });
    expect(code).toBe(2);
    expect(started).toEqual([]);
  });
});
