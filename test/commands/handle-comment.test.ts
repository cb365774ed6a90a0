/** The comment handler: loop guard, parsing, reactions, one reply, help, tracked-only commands, the cap. */
import { describe, expect, it } from "vitest";
import {
  handleIssueComment,
  MAX_COMMANDS_PER_COMMENT,
} from "../../src/service/handlers/issue-comment.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { BOT, REPO } from "../support/sync-harness.js";
import { commentOn, commentsAfter, log, reactionsOn, synced } from "./helpers.js";

const gitea = useGiteaFake();

describe("comments that hold no command for the bot", () => {
  it("the bot's own comment with a command line sends no request at all", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-001"] ?? 0;
    const payload = commentOn(gitea.fake, number, "/deferbot sync\n/deferbot ignore", {
      author: BOT,
    });
    gitea.fake.resetRequests();
    await handleIssueComment(h.bot, payload, log);
    expect(gitea.fake.requests).toEqual([]);
  });

  it("a person's comment without commands sends nothing once the configuration is cached", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-001"] ?? 0;
    const payload = commentOn(
      gitea.fake,
      number,
      "Looks good.\n> /deferbot sync\n`/deferbot sync`",
    );
    await handleIssueComment(h.bot, payload, log);
    expect(gitea.fake.requests).toEqual([]);
    expect(reactionsOn(gitea.fake, payload.comment.id)).toEqual([]);
  });

  it("an edited or deleted comment runs nothing", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const payload = commentOn(gitea.fake, numbers["TD-001"] ?? 0, "/deferbot sync");
    await handleIssueComment(h.bot, { ...payload, action: "edited" }, log);
    await handleIssueComment(h.bot, { ...payload, action: "deleted" }, log);
    expect(gitea.fake.requests).toEqual([]);
  });
});

describe("help and unknown commands", () => {
  it("help: one reply listing the commands, eyes then +1", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-002"] ?? 0;
    const payload = commentOn(gitea.fake, number, "/deferbot help", { permissions: null });
    await handleIssueComment(h.bot, payload, log);

    const replies = commentsAfter(gitea.fake, number, payload.comment.id);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.author).toBe(BOT);
    for (const name of ["help", "sync", "refresh", "status", "ignore", "unignore", "resolve"])
      expect(replies[0]?.body).toContain(`/deferbot ${name}`);
    expect(reactionsOn(gitea.fake, payload.comment.id)).toEqual([`${BOT}:eyes`, `${BOT}:+1`]);
    // help needs no access check
    expect(gitea.fake.count({ path: /collaborators/ })).toBe(0);
  });

  it("an unknown command is answered with the help and confused", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-001"] ?? 0;
    const payload = commentOn(gitea.fake, number, "/deferbot snyc");
    await handleIssueComment(h.bot, payload, log);
    const [reply] = commentsAfter(gitea.fake, number, payload.comment.id);
    expect(reply?.body).toContain("I did not understand `/deferbot snyc` (unknown command `snyc`)");
    expect(reply?.body).toContain("/deferbot resolve");
    expect(reactionsOn(gitea.fake, payload.comment.id)).toEqual([`${BOT}:eyes`, `${BOT}:confused`]);
  });

  it("the configured prefix is the one obeyed", async () => {
    const { h, numbers } = await synced(gitea.fake);
    gitea.fake.setFile(REPO, ".gitea/deferbot.yml", "commandPrefix: /bot\n");
    h.bot.repo(REPO).configs.invalidate();
    const number = numbers["TD-001"] ?? 0;
    const ignored = commentOn(gitea.fake, number, "/deferbot help");
    await handleIssueComment(h.bot, ignored, log);
    expect(commentsAfter(gitea.fake, number, ignored.comment.id)).toEqual([]);

    const obeyed = commentOn(gitea.fake, number, "/bot help");
    await handleIssueComment(h.bot, obeyed, log);
    const [reply] = commentsAfter(gitea.fake, number, obeyed.comment.id);
    expect(reply?.body).toContain("`/bot status`");
  });
});

describe("several commands in one comment", () => {
  it("run in order and answered in one reply with a section each; one failure makes it confused", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-003"] ?? 0;
    const payload = commentOn(
      gitea.fake,
      number,
      "Please:\r\n/deferbot status\r\n  /deferbot bogus\r\n/deferbot help\r\n",
    );
    await handleIssueComment(h.bot, payload, log);
    const replies = commentsAfter(gitea.fake, number, payload.comment.id);
    expect(replies).toHaveLength(1);
    const body = replies[0]?.body ?? "";
    const sections = ["**`/deferbot status`**", "**`/deferbot bogus`**", "**`/deferbot help`**"];
    const positions = sections.map((section) => body.indexOf(section));
    expect(positions.every((at) => at >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(body).toContain("0 of 3 steps ticked");
    // The command list is given once, however many commands asked for it.
    expect(body.split("`/deferbot unignore`").length - 1).toBe(1);
    expect(reactionsOn(gitea.fake, payload.comment.id)).toEqual([`${BOT}:eyes`, `${BOT}:confused`]);
  });

  it(`runs at most ${MAX_COMMANDS_PER_COMMENT} and says how many were skipped`, async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-001"] ?? 0;
    const payload = commentOn(gitea.fake, number, Array(7).fill("/deferbot help").join("\n"));
    await handleIssueComment(h.bot, payload, log);
    const [reply] = commentsAfter(gitea.fake, number, payload.comment.id);
    expect((reply?.body ?? "").split("**`/deferbot help`**").length - 1).toBe(
      MAX_COMMANDS_PER_COMMENT,
    );
    expect(reply?.body).toContain("2 more were skipped");
    expect(reactionsOn(gitea.fake, payload.comment.id).at(-1)).toBe(`${BOT}:confused`);
  });
});

describe("tracking-issue commands on other issues", () => {
  for (const name of ["refresh", "status", "ignore", "unignore", "resolve"]) {
    it(`${name} on an issue a person opened says it works only on tracking issues`, async () => {
      const { h } = await synced(gitea.fake);
      const issue = gitea.fake.addIssue(REPO, {
        title: "TD-001: a person's note",
        author: "alice",
      });
      const payload = commentOn(gitea.fake, issue.number, `/deferbot ${name}`);
      gitea.fake.resetRequests();
      await handleIssueComment(h.bot, payload, log);
      const [reply] = commentsAfter(gitea.fake, issue.number, payload.comment.id);
      expect(reply?.body).toContain(`\`/deferbot ${name}\` works only on a tracking issue`);
      expect(reactionsOn(gitea.fake, payload.comment.id)).toEqual([
        `${BOT}:eyes`,
        `${BOT}:confused`,
      ]);
      expect(gitea.fake.writes().map((r) => r.route)).toEqual([
        "POST /repos/{owner}/{repo}/issues/comments/{id}/reactions",
        "POST /repos/{owner}/{repo}/issues/{index}/comments",
        "POST /repos/{owner}/{repo}/issues/comments/{id}/reactions",
      ]);
      expect(gitea.fake.issue(REPO, issue.number).state).toBe("open");
    });
  }

  it("a bot-authored issue without a marker or an ID title is not a tracking issue", async () => {
    const { h } = await synced(gitea.fake);
    const issue = gitea.fake.addIssue(REPO, { title: "Weekly report", author: BOT });
    const payload = commentOn(gitea.fake, issue.number, "/deferbot status");
    await handleIssueComment(h.bot, payload, log);
    const [reply] = commentsAfter(gitea.fake, issue.number, payload.comment.id);
    expect(reply?.body).toContain("works only on a tracking issue");
  });

  it("a bot-authored issue whose block a person deleted is still tracked through its ID title", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-002"] ?? 0;
    gitea.fake.issue(REPO, number).body = "A person wiped the body.";
    const payload = commentOn(gitea.fake, number, "/deferbot status");
    await handleIssueComment(h.bot, payload, log);
    const [reply] = commentsAfter(gitea.fake, number, payload.comment.id);
    expect(reply?.body).toContain("TD-002 is in `docs/deferred-errors.md`");
  });
});

describe("trouble", () => {
  it("a configuration with errors is mentioned in the reply (the defaults are in use)", async () => {
    const { h, numbers } = await synced(gitea.fake);
    gitea.fake.setFile(
      REPO,
      ".gitea/deferbot.yml",
      "idPattern: '^TD-\\d+'\nmaxCreates: -1\nlabels:\n  risk: \"yes\"\n",
    );
    h.bot.repo(REPO).configs.invalidate();
    const number = numbers["TD-001"] ?? 0;
    const payload = commentOn(gitea.fake, number, "/deferbot help");
    await handleIssueComment(h.bot, payload, log);
    const [reply] = commentsAfter(gitea.fake, number, payload.comment.id);
    expect(reply?.body).toContain("the configuration has errors, so the defaults are in use");
    expect(reply?.body).toContain("`.gitea/deferbot.yml` line 1, column 1: `idPattern`");
    expect(reply?.body).toContain("`.gitea/deferbot.yml` line 2, column 1: `maxCreates`");
    expect(reply?.body).toContain("`.gitea/deferbot.yml` line 4, column 3: `labels.risk`");
  });

  it("a Gitea failure inside a command becomes a reply and confused; later commands still run", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-001"] ?? 0;
    const payload = commentOn(gitea.fake, number, "/deferbot ignore\n/deferbot help");
    gitea.fake.failNext({ route: "GET /repos/{owner}/{repo}/issues/{index}" }, 500, 3);
    await handleIssueComment(h.bot, payload, log);
    const [reply] = commentsAfter(gitea.fake, number, payload.comment.id);
    expect(reply?.body).toMatch(/`\/deferbot ignore` failed: `Gitea GET [^`]+ failed: 500/);
    expect(reply?.body).toContain("**`/deferbot help`**");
    expect(reactionsOn(gitea.fake, payload.comment.id)).toEqual([`${BOT}:eyes`, `${BOT}:confused`]);
    expect(gitea.fake.issue(REPO, number).state).toBe("open");
  });
});
