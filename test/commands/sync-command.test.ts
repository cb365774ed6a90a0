/** `/deferbot sync [--allow-close-all]` from a writer. */
import { describe, expect, it } from "vitest";
import { handleIssueComment } from "../../src/service/handlers/issue-comment.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { BOT, DOC, REPO } from "../support/sync-harness.js";
import { commentOn, commentsAfter, log, reactionsOn, SPECS, synced } from "./helpers.js";

const gitea = useGiteaFake();

describe("sync", () => {
  it("syncs the default branch's head and replies with the summary; eyes then +1", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const sha = h.commit(renderRegister([...SPECS, findingSpec(4)]));
    const number = numbers["TD-001"] ?? 0;
    const payload = commentOn(gitea.fake, number, "/deferbot sync");
    await handleIssueComment(h.bot, payload, log);

    expect(h.issuesFor("TD-004")).toHaveLength(1);
    const [reply] = commentsAfter(gitea.fake, number, payload.comment.id);
    expect(reply?.body).toBe(
      `Synced \`${DOC}\` at [${sha.slice(0, 10)}](${gitea.fake.url}/${REPO}/commit/${sha}): 1 created, 0 updated, 0 closed, 3 unchanged.`,
    );
    expect(reactionsOn(gitea.fake, payload.comment.id)).toEqual([`${BOT}:eyes`, `${BOT}:+1`]);
    expect(gitea.fake.repo(REPO).statuses.at(-1)).toMatchObject({ sha, state: "success" });
    expect(h.bot.lastSync(REPO)?.sha).toBe(sha);
  });

  it("lists an issue-field warning with its line: an owner Gitea does not list as assignable", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const text = renderRegister([...SPECS, findingSpec(4)]).replace(
      "- **Risk:** Low — internal only\n",
      "- **Risk:** Low — internal only\n- **Owner:** @carol\n",
    );
    const line = text.split("\n").findIndex((l) => l.includes("@carol")) + 1;
    h.commit(text);
    const number = numbers["TD-002"] ?? 0;
    const payload = commentOn(gitea.fake, number, "/deferbot sync");
    await handleIssueComment(h.bot, payload, log);
    const [reply] = commentsAfter(gitea.fake, number, payload.comment.id);
    expect(reply?.body).toContain("The document has 1 warning:");
    expect(reply?.body).toContain(
      `- line ${line} (warning): carol cannot be assigned to TD-001's issue`,
    );
    expect(h.issuesFor("TD-004")).toHaveLength(1);
  });

  it("works on any issue, not only tracking issues", async () => {
    const { h } = await synced(gitea.fake);
    const issue = gitea.fake.addIssue(REPO, { title: "Question", author: "alice" });
    const payload = commentOn(gitea.fake, issue.number, "/deferbot sync");
    await handleIssueComment(h.bot, payload, log);
    expect(commentsAfter(gitea.fake, issue.number, payload.comment.id)[0]?.body).toMatch(/^Synced/);
  });

  it("an emptied document closes nothing; the reply says why, and the reaction is confused", async () => {
    const { h, numbers } = await synced(gitea.fake);
    h.commit("# Deferred Errors\n\nNothing left.\n");
    const number = numbers["TD-001"] ?? 0;
    const payload = commentOn(gitea.fake, number, "/deferbot sync");
    await handleIssueComment(h.bot, payload, log);
    const [reply] = commentsAfter(gitea.fake, number, payload.comment.id);
    expect(reply?.body).toContain("has no findings, so its 3 open issues were left open");
    expect(h.issues().filter((issue) => issue.state === "open")).toHaveLength(3);
    expect(reactionsOn(gitea.fake, payload.comment.id).at(-1)).toBe(`${BOT}:confused`);
  });

  it("--allow-close-all closes them", async () => {
    const { h, numbers } = await synced(gitea.fake);
    h.commit("# Deferred Errors\n\nNothing left.\n");
    const number = numbers["TD-001"] ?? 0;
    const payload = commentOn(gitea.fake, number, "/deferbot sync --allow-close-all");
    await handleIssueComment(h.bot, payload, log);
    expect(h.issues().filter((issue) => issue.state === "open")).toHaveLength(0);
    const reply = commentsAfter(gitea.fake, number, payload.comment.id).at(-1);
    expect(reply?.body).toContain("0 created, 0 updated, 3 closed");
    expect(reactionsOn(gitea.fake, payload.comment.id).at(-1)).toBe(`${BOT}:+1`);
  });

  it("reports the document's diagnostics: counts and the first lines", async () => {
    const { h, numbers } = await synced(gitea.fake);
    h.commit(renderRegister([...SPECS, findingSpec(4, { risk: undefined, error: undefined })]));
    const number = numbers["TD-001"] ?? 0;
    const payload = commentOn(gitea.fake, number, "/deferbot sync");
    await handleIssueComment(h.bot, payload, log);
    const [reply] = commentsAfter(gitea.fake, number, payload.comment.id);
    expect(reply?.body).toMatch(/The document has (\d+ errors? and )?\d+ warnings?:/);
    expect(reply?.body).toMatch(/^- line \d+ \((warning|error)\): /m);
  });
});
