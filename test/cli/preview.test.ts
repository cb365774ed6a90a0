/** `deferbot preview`: the PR's preview printed from the Gitea fake, and nothing written. */
import { describe, expect, it } from "vitest";
import { runPreview } from "../../src/cli/commands/preview.js";
import type { PreviewJson } from "../../src/core/preview/preview-json.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { DOC, REPO } from "../support/sync-harness.js";

const gitea = useGiteaFake();

async function run(
  args: { pr: string; json?: boolean; repo?: string },
  env: Record<string, string> = {},
) {
  let stdout = "";
  let stderr = "";
  const code = await runPreview(
    { repo: REPO, ...args },
    {
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

function openPull(head: ReturnType<typeof findingSpec>[] | string, base = "main") {
  const fake = gitea.fake.repo(REPO);
  const mergeBase = gitea.fake.setFile(REPO, DOC, renderRegister([findingSpec(1)]));
  fake.branches.set("feature", mergeBase);
  if (base !== "main") fake.branches.set(base, mergeBase);
  const text = typeof head === "string" ? head : renderRegister(head);
  const headSha = gitea.fake.setFile(REPO, DOC, text, { branch: "feature" });
  const pull = gitea.fake.addPull(REPO, {
    title: "Register change",
    author: "alice",
    head: "feature",
    headSha,
    mergeBase,
    base,
  });
  return { number: pull.number, headSha };
}

describe("deferbot preview", () => {
  it("prints the status line and the comment, reads the PR, writes nothing", async () => {
    const pull = openPull([findingSpec(1), findingSpec(2)]);
    gitea.fake.resetRequests();
    const { code, stdout, stderr } = await run({ pr: String(pull.number) });
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(
      stdout.startsWith("deferbot/preview: success: Merging this will open 1 tracking issue.\n\n"),
    ).toBe(true);
    expect(stdout).toContain("**Merging this will open 1 tracking issue.**");
    expect(stdout).toContain("#### New: [TD-002]");
    expect(stdout).not.toContain("<!--");
    expect(gitea.fake.writes()).toEqual([]);
    expect(gitea.fake.count({ route: "GET /repos/{owner}/{repo}/pulls/{index}" })).toBe(1);
  });

  it("a new finding's owner: checked against Gitea's assignable users, a refused one a warning", async () => {
    gitea.fake.setCollaborator(REPO, "alice", "write");
    const head = renderRegister([findingSpec(1), findingSpec(2)]).replace(
      "- **Reason:** Fixing module 2 ",
      "- **Owner:** @alice, @mallory\n- **Reason:** Fixing module 2 ",
    );
    const pull = openPull(head);
    gitea.fake.resetRequests();
    const { code, stdout } = await run({ pr: String(pull.number), json: true });
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as PreviewJson;
    const added = json.findings.find((f) => f.id === "TD-002");
    expect(added?.issueFields.changes).toEqual([
      { label: "Assignees", from: null, to: "alice", kind: "added" },
    ]);
    const warning = json.diagnostics.find((d) => d.code === "not-assignable");
    expect(warning?.message).toContain("mallory");
    expect(json.status.description).toContain("1 warning");
    expect(gitea.fake.count({ route: "GET /repos/{owner}/{repo}/assignees" })).toBe(1);
    expect(gitea.fake.count({ route: "GET /repos/{owner}/{repo}/milestones" })).toBe(0);
    expect(gitea.fake.writes()).toEqual([]);
  });

  it("--json prints the shape of docs/preview-json.md; an error at the head exits 1", async () => {
    const pull = openPull([findingSpec(1), findingSpec(2, { id: "TD-001" })]);
    const { code, stdout, stderr } = await run({ pr: String(pull.number), json: true });
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as PreviewJson;
    expect(json).toMatchObject({
      version: 1,
      document: DOC,
      sha: pull.headSha,
      touched: true,
      status: { state: "failure" },
    });
    expect(json.diagnostics.map((d) => d.code)).toContain("duplicate-id");
    expect(stderr).toContain("1 error in docs/deferred-errors.md");
    expect(gitea.fake.writes()).toEqual([]);
  });

  it("--json on failure is still one object: error and exitCode", async () => {
    const unknown = await run({ pr: "99", json: true });
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout)).toEqual({
      error: `${REPO} has no pull request #99 (an issue's number, or a typo?)`,
      exitCode: 2,
    });
    const usage = await run({ pr: "x", json: true });
    expect(JSON.parse(usage.stdout)).toMatchObject({ exitCode: 2 });
    const refused = await run({ pr: "1", json: true }, { GITEA_TOKEN: "wrong" });
    expect(refused.code).toBe(3);
    expect(JSON.parse(refused.stdout)).toMatchObject({ exitCode: 3 });
  });

  it("refuses a PR against another branch than the default one (exit 2)", async () => {
    const pull = openPull([findingSpec(1), findingSpec(2)], "release");
    const { code, stderr } = await run({ pr: String(pull.number) });
    expect(code).toBe(2);
    expect(stderr).toContain("is against release, not the default branch main");
  });
});
