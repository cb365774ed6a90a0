/** Documents that cannot be read, repositories the token cannot see yet, and a reopen racing an ignore. */
import { describe, expect, it } from "vitest";
import { setCloseRecord } from "../../src/core/issue/state-line.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { DOC, harness, REPO } from "../support/sync-harness.js";

const gitea = useGiteaFake();

describe("a document path that is not a file", () => {
  it("fails the status saying so, and closes nothing", async () => {
    const h = harness(gitea.fake);
    h.commit(renderRegister([findingSpec(1), findingSpec(2)]));
    await h.sync();
    gitea.fake.deleteFile(REPO, DOC);
    gitea.fake.setFile(REPO, `${DOC}/part-1.md`, "# not the register\n");
    const result = await h.sync();
    expect(result.status).toEqual({
      state: "failure",
      description: `${DOC}:1: ${DOC} is a dir, not a file; point \`document\` in .gitea/deferbot.yml at the register`,
    });
    expect(h.issues().every((issue) => issue.state === "open")).toBe(true);
  });
});

describe("the configuration cache", () => {
  it("keeps nothing from a repository the token could not see", async () => {
    const h = harness(gitea.fake);
    const repo = gitea.fake.repo(REPO);
    repo.private = true;
    repo.collaborators.delete("deferbot");
    await expect(h.bot.repo(REPO).configs.get("main")).rejects.toThrow(/404/);
    repo.collaborators.set("deferbot", "write");
    gitea.fake.setFile(REPO, ".gitea/deferbot.yml", "document: SECURITY.md\n");
    expect((await h.bot.repo(REPO).configs.get("main")).config.document).toBe("SECURITY.md");
  });
});

describe("a reopen racing an ignore", () => {
  it("leaves an issue closed when it was ignored after the sync listed it", async () => {
    const h = harness(gitea.fake);
    h.commit(renderRegister([findingSpec(1)]));
    await h.sync();
    h.commit(renderRegister([findingSpec(2)]));
    await h.sync();
    const issue = h.issuesFor("TD-001")[0];
    if (!issue) throw new Error("no issue");
    expect(issue.state).toBe("closed");

    // The finding comes back; between the sync's listing and its re-read, someone ignores it.
    h.commit(renderRegister([findingSpec(1), findingSpec(2)]));
    const listed = h.bot.repo(REPO).forge;
    const original = listed.listBotIssues.bind(listed);
    listed.listBotIssues = async () => {
      const issues = await original();
      issue.body = setCloseRecord(issue.body, { reason: "ignored" });
      return issues;
    };
    const result = await h.sync();
    expect(result.plan.summary.reopened).toBe(1);
    expect(issue.state).toBe("closed");
    expect(h.commentsOn(issue.number).some((c) => /Reopening/.test(c))).toBe(false);
  });
});
