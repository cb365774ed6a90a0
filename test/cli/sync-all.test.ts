/**
 * `deferbot sync --all` (SPEC §7 recovery): every repository the bot user can push to that holds
 * a register, one after another, a summary, the worst exit code; never a repository it can
 * only read, nor one without a register.
 */
import { describe, expect, it } from "vitest";
import { runSync, type SyncOptions } from "../../src/cli/commands/sync.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { BOT, DOC, REPO } from "../support/sync-harness.js";
import { trackingIssues } from "../support/tracking-issues.js";

const gitea = useGiteaFake();

async function run(options: SyncOptions) {
  let stdout = "";
  let stderr = "";
  const code = await runSync(options, {
    env: { GITEA_URL: gitea.fake.url, GITEA_TOKEN: "deferbot-token" },
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    pauseMs: 0,
  });
  return { code, stdout, stderr };
}

function botIssues(repo: string) {
  return trackingIssues(gitea.fake.repo(repo).issues).filter((issue) => issue.author === BOT);
}

/** acme/widgets and ops/infra hold a register; acme/empty does not; alice/notes is only readable. */
function threeRepos() {
  gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1), findingSpec(2)]));
  gitea.fake.addRepo({ owner: "acme", name: "empty", collaborators: { deferbot: "write" } });
  gitea.fake.addRepo({ owner: "ops", name: "infra", collaborators: { deferbot: "admin" } });
  gitea.fake.setFile("ops/infra", DOC, renderRegister([findingSpec(7)]));
  gitea.fake.addRepo({ owner: "alice", name: "notes", collaborators: { deferbot: "read" } });
  gitea.fake.setFile("alice/notes", DOC, renderRegister([findingSpec(9)]));
}

describe("deferbot sync --all", () => {
  it("syncs each pushable repository with a register, skips the one without, and prints a table", async () => {
    threeRepos();
    const { code, stdout, stderr } = await run({ all: true });

    expect(code).toBe(0);
    expect(botIssues(REPO)).toHaveLength(2);
    expect(botIssues("ops/infra")).toHaveLength(1);
    expect(botIssues("acme/empty")).toEqual([]);
    expect(botIssues("alice/notes")).toEqual([]);
    // Not a single request to the repository it can only read.
    expect(gitea.fake.requests.some((r) => r.path.includes("/repos/alice/notes"))).toBe(false);
    expect(stdout).toMatch(/acme\/empty +no register +0 /);
    expect(stdout).toMatch(/acme\/widgets +synced +0 +2 created/);
    expect(stdout).toMatch(/ops\/infra +synced +0 +1 created/);
    expect(stdout).toContain("2 synced, 1 without a register, 0 with a problem; exit 0");
    expect(stderr.split("\n").filter(Boolean)).toEqual([
      "[1/3] acme/empty: no register (exit 0)",
      "[2/3] acme/widgets: synced (exit 0)",
      "[3/3] ops/infra: synced (exit 0)",
    ]);
  });

  it("--owner keeps to those owners; --json is one object", async () => {
    threeRepos();
    const { code, stdout } = await run({ all: true, owner: ["OPS"], json: true });

    expect(code).toBe(0);
    const report = JSON.parse(stdout) as {
      repos: { repo: string; outcome: string }[];
      exitCode: number;
    };
    expect(report.repos.map((r) => [r.repo, r.outcome])).toEqual([["ops/infra", "synced"]]);
    expect(report.exitCode).toBe(0);
    expect(botIssues(REPO)).toEqual([]);
  });

  it("the exit code is the worst of its repositories; the others still sync", async () => {
    threeRepos();
    gitea.fake.setFile(
      "ops/infra",
      DOC,
      `${renderRegister([findingSpec(7)])}\n${renderRegister([findingSpec(7)])}`,
    );
    gitea.fake.failNext({ method: "GET", path: "/repos/acme/empty" }, 500, 10);
    const { code, stdout } = await run({ all: true });

    expect(stdout).toMatch(/acme\/empty +failed +3 +GET \/repos\/acme\/empty answered 500/);
    expect(stdout).toMatch(/ops\/infra +invalid +1 /);
    expect(botIssues(REPO)).toHaveLength(2);
    expect(code).toBe(3);
  });

  it("--all with --repo is a usage error", async () => {
    const { code, stderr } = await run({ all: true, repo: REPO });
    expect(code).toBe(2);
    expect(stderr).toBe("deferbot sync: give --repo or --all, not both\n");
    expect(gitea.fake.requests).toEqual([]);
  });
});
