import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSync } from "../../src/cli/commands/sync.js";
import type { SyncReport } from "../../src/cli/format-sync.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, generatedRegister, renderRegister } from "../support/register.js";
import { roundTripRecorder, tripsOf } from "../support/round-trips.js";
import { PROJECT_ROOT } from "../support/shared.js";
import { DOC, REPO } from "../support/sync-harness.js";

const gitea = useGiteaFake();

async function run(
  args: Partial<Parameters<typeof runSync>[0]>,
  env: Record<string, string> = {},
  fetch?: typeof globalThis.fetch,
) {
  let stdout = "";
  let stderr = "";
  const code = await runSync(
    { repo: REPO, ...args },
    {
      ...(fetch ? { fetch } : {}),
      env: { GITEA_URL: gitea.fake.url, GITEA_TOKEN: "deferbot-token", ...env },
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
    },
  );
  return { code, stdout, stderr };
}

describe("deferbot sync", () => {
  it("--dry-run --json prints the plan and sends no write", async () => {
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1), findingSpec(2)]));
    const { code, stdout } = await run({ dryRun: true, json: true });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as SyncReport;
    expect(report.dryRun).toBe(true);
    expect(report.actions).toEqual([
      { kind: "create", findingId: "TD-001", number: null, outcome: "planned" },
      { kind: "create", findingId: "TD-002", number: null, outcome: "planned" },
    ]);
    expect(gitea.fake.writes()).toEqual([]);
  });

  it("syncs, prints each write and the status line, exit 0", async () => {
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    const { code, stdout } = await run({});
    expect(code).toBe(0);
    expect(stdout).toMatch(/create +TD-001 +#1 +done/);
    expect(stdout).toContain("success: 1 created, 0 updated, 0 closed, 0 unchanged");
    // The finding's issue and the register's dashboard (SPEC §8, on by default).
    expect(gitea.fake.repo(REPO).issues).toHaveLength(2);
    expect(stdout).toMatch(/dashboard #2 done/);
  });

  it("--ref takes a branch name and reads the register there", async () => {
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    gitea.fake.repo(REPO).branches.set("next", gitea.fake.headSha(REPO));
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1), findingSpec(2)]), {
      branch: "next",
    });
    const { code, stdout } = await run({ ref: "next", dryRun: true, json: true });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as SyncReport).sha).toBe(gitea.fake.headSha(REPO, "next"));
    expect((JSON.parse(stdout) as SyncReport).actions).toHaveLength(2);
  });

  it("--ref of a commit other than the default branch's head needs --dry-run: exit 2, nothing written (§4)", async () => {
    const old = gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(2)]));
    const { code, stderr } = await run({ ref: old });
    expect(code).toBe(2);
    expect(stderr).toMatch(/--ref \w+ is not the default branch's head .*add --dry-run/);
    expect(gitea.fake.writes()).toEqual([]);
    expect((await run({ ref: gitea.fake.headSha(REPO) })).code).toBe(0);
  });

  it("lists every failed write and says when the commit status could not be posted", async () => {
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    gitea.fake.failNext({ route: "POST /repos/{owner}/{repo}/issues" }, 422);
    gitea.fake.failNext({ route: "POST /repos/{owner}/{repo}/statuses/{sha}" }, 500);
    const { code, stdout } = await run({});
    expect(code).toBe(3);
    expect(stdout).toMatch(/failed:\n {2}create TD-001: .*422.*\n {2}commit status: .*500/);
    expect(stdout).toContain("could not post the commit status; the next sync posts it");
  });

  it("exit 1 with the first error line when the register has an error", async () => {
    gitea.fake.setFile(
      REPO,
      DOC,
      `${renderRegister([findingSpec(1)])}\n${renderRegister([findingSpec(1)])}`,
    );
    const { code, stderr } = await run({});
    expect(code).toBe(1);
    expect(stderr).toMatch(/^deferbot sync: docs\/deferred-errors\.md:\d+: .*\n$/);
  });

  it("lists every mistake of the configuration, with key, line and column, in the text and --json", async () => {
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    gitea.fake.setFile(
      REPO,
      ".gitea/deferbot.yml",
      readFileSync(join(PROJECT_ROOT, "test/fixtures/config/three-mistakes.yml"), "utf8"),
    );
    const text = await run({ dryRun: true });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(".gitea/deferbot.yml:2:1 error config-invalid-value idPattern:");
    expect(text.stdout).toContain(".gitea/deferbot.yml:3:1 error config-invalid-value maxCreates:");
    expect(text.stdout).toContain(
      ".gitea/deferbot.yml:5:3 error config-invalid-value labels.risk:",
    );
    expect(text.stderr).toMatch(
      /^deferbot sync: \.gitea\/deferbot\.yml:2:1: idPattern: .*\(and 2 more\)/,
    );
    const json = JSON.parse((await run({ dryRun: true, json: true })).stdout) as SyncReport;
    expect(json.configPath).toBe(".gitea/deferbot.yml");
    expect(json.configDiagnostics.map(({ key, line, column }) => [key, line, column])).toEqual([
      ["idPattern", 2, 1],
      ["maxCreates", 3, 1],
      ["labels.risk", 5, 3],
    ]);
    expect(json.status.description).toMatch(/\(and 2 more\)/);
  });

  it("names the command-line form of a sync that may close everything", async () => {
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
    expect((await run({})).code).toBe(0);
    gitea.fake.deleteFile(REPO, DOC);
    const { code, stderr } = await run({});
    expect(code).toBe(1);
    expect(stderr).toContain("run `deferbot sync --allow-close-all`");
    expect((await run({ allowCloseAll: true })).code).toBe(0);
  });

  it("exit 2 with one line per bad setting or argument", async () => {
    expect(await run({ repo: "widgets" })).toMatchObject({
      code: 2,
      stderr: 'deferbot sync: --repo must be owner/name (got "widgets")\n',
    });
    const noUrl = await run({}, { GITEA_URL: "" });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toMatch(/^deferbot sync: GITEA_URL .*\n$/);
  });
});

describe("deferbot sync's round trips (SPEC §3.4 chain)", () => {
  it("reads the login, the repository and the default branch's head at once, the document next", async () => {
    gitea.fake.setFile(REPO, ".gitea/deferbot.yml", "dashboard: false\n");
    gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1), findingSpec(2)]));
    const { fetch, sent } = roundTripRecorder();
    expect((await run({}, {}, fetch)).code).toBe(0);

    expect(tripsOf(sent, /^GET \/user$/)).toEqual([1]);
    expect(tripsOf(sent, /^GET \/repos\/acme\/widgets$/)).toEqual([1]);
    expect(tripsOf(sent, /^GET \/repos\/acme\/widgets\/git\/commits\/HEAD$/)).toEqual([1]);
    expect(tripsOf(sent, /\/branches\//)).toEqual([]);
    expect(tripsOf(sent, new RegExp(`raw/${DOC}$`))).toEqual([2]);
    expect(tripsOf(sent, /^GET \/repos\/acme\/widgets\/labels$/)).toEqual([2]);
    expect(tripsOf(sent, /^GET \/repos\/acme\/widgets\/issues$/)).toEqual([2]);
    expect(tripsOf(sent, /^POST \/repos\/acme\/widgets\/issues$/)).toEqual([4, 4]);
  });

  it("a no-op sync of 120 issues posts its status in round trip 4 (one under the SPEC's chain)", async () => {
    gitea.fake.setFile(REPO, ".gitea/deferbot.yml", "dashboard: false\n");
    const sha = gitea.fake.setFile(REPO, DOC, generatedRegister(120));
    expect((await run({})).code).toBe(0);
    const { fetch, sent } = roundTripRecorder();
    expect((await run({}, {}, fetch)).code).toBe(0);

    // The document arrives a round trip before the listing's last pages: parsed while they come.
    expect(tripsOf(sent, new RegExp(`raw/${DOC}$`))).toEqual([2]);
    expect(tripsOf(sent, /^GET \/repos\/acme\/widgets\/issues$/)).toEqual([2, 3, 3]);
    expect(sent.filter((s) => s.request.startsWith("POST"))).toEqual([
      { request: `POST /repos/acme/widgets/statuses/${sha}`, trip: 4 },
    ]);
  });
});
