/**
 * `/deferbot resolve` end to end on the fake: a branch with the finding's section removed (every
 * other byte kept), a pull request that says `Closes #N`, and after the merge a sync that leaves
 * the issue closed.
 */
import { describe, expect, it } from "vitest";
import { resolveBranchName } from "../../src/commands/resolve-command.js";
import { parseRegister } from "../../src/core/document/parse-register.js";
import { handleIssueComment } from "../../src/service/handlers/issue-comment.js";
import type { FakeIssue } from "../support/gitea-fake/index.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { BOT, DOC, REPO } from "../support/sync-harness.js";
import { commentOn, commentsAfter, log, reactionsOn, SPECS, synced } from "./helpers.js";

const gitea = useGiteaFake();
const BRANCH = "deferbot/resolve-td-002";
const [ONE, THREE] = [SPECS[0] ?? findingSpec(1), SPECS[2] ?? findingSpec(3)];

function fileOn(branch: string): string {
  const repo = gitea.fake.repo(REPO);
  const sha = repo.branches.get(branch);
  const blob = sha === undefined ? undefined : repo.commits.get(sha)?.files.get(DOC);
  if (!blob) throw new Error(`no ${DOC} on ${branch}`);
  return blob.content.toString("utf8");
}

function pulls(): FakeIssue[] {
  return gitea.fake.repo(REPO).issues.filter((issue) => issue.pull);
}

async function resolve(h: Awaited<ReturnType<typeof synced>>["h"], number: number) {
  const payload = commentOn(gitea.fake, number, "/deferbot resolve");
  await handleIssueComment(h.bot, payload, log);
  return { payload, replies: commentsAfter(gitea.fake, number, payload.comment.id) };
}

describe("resolve", () => {
  it("opens a PR whose branch holds the document without the finding, every other byte kept", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-002"] ?? 0;
    const original = fileOn("main");
    const { payload, replies } = await resolve(h, number);

    const after = fileOn(BRANCH);
    // The section and one adjacent break go; the rest is the register without TD-002, byte for byte.
    expect(after).toBe(renderRegister([ONE, THREE]));
    expect(fileOn("main")).toBe(original);
    const before = parseRegister(original).findings;
    const now = parseRegister(after).findings;
    expect(now.map((f) => f.id)).toEqual(["TD-001", "TD-003"]);
    expect(now.map((f) => f.hash)).toEqual(
      before.filter((f) => f.id !== "TD-002").map((f) => f.hash),
    );

    const repo = gitea.fake.repo(REPO);
    const head = repo.commits.get(repo.branches.get(BRANCH) ?? "");
    expect(head?.message).toBe(`Resolve TD-002: remove it from ${DOC}`);
    expect(head?.author).toBe(BOT);
    expect(head?.parents).toEqual([gitea.fake.headSha(REPO)]);

    const [pull] = pulls();
    expect(pulls()).toHaveLength(1);
    expect(pull?.pull).toMatchObject({ head: BRANCH, base: "main" });
    expect(pull?.title).toBe("Resolve TD-002: Deferred finding number 2");
    expect(pull?.body.split("\n")[0]).toBe(`Closes #${number}`);
    expect(pull?.author).toBe(BOT);

    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain(`Opened #${pull?.number} (`);
    expect(reactionsOn(gitea.fake, payload.comment.id)).toEqual([`${BOT}:eyes`, `${BOT}:+1`]);
  });

  it("after the merge (Gitea closes #N for `Closes #N`) the next sync leaves the issue closed", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-002"] ?? 0;
    await resolve(h, number);
    const [pull] = pulls();

    // The merge as Gitea does it: the default branch gets the branch's document, the PR is
    // merged and closed, and the issue it closes is closed by the merger (no record of the bot's).
    h.commit(fileOn(BRANCH));
    if (pull?.pull) pull.pull.merged = true;
    if (pull) pull.state = "closed";
    const issue = gitea.fake.issue(REPO, number);
    issue.state = "closed";
    const closedBody = issue.body;
    const commentCount = gitea.fake.repo(REPO).comments.length;

    gitea.fake.resetRequests();
    const result = await h.sync();
    expect(result.plan.actions).toEqual([]);
    expect(result.status.state).toBe("success");
    expect(gitea.fake.issue(REPO, number)).toMatchObject({ state: "closed", body: closedBody });
    expect(h.issuesFor("TD-002")).toHaveLength(1);
    expect(h.issues().filter((i) => i.state === "open")).toHaveLength(2);
    expect(gitea.fake.repo(REPO).comments).toHaveLength(commentCount);
    expect(gitea.fake.count({ route: "POST /repos/{owner}/{repo}/issues" })).toBe(0);
  });

  it("merged while the issue stayed open (no `Closes` processing): the sync closes it as removed", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-002"] ?? 0;
    await resolve(h, number);
    const sha = h.commit(fileOn(BRANCH));
    const result = await h.sync();
    expect(result.plan.summary.closed).toBe(1);
    expect(gitea.fake.issue(REPO, number).state).toBe("closed");
    expect(h.commentsOn(number).at(-1)).toBe(
      `<!-- deferbot:comment kind=removed finding=TD-002 sha=${sha} -->\nRemoved from ${DOC} in ${sha}.`,
    );
    expect(h.issues().filter((i) => i.state === "open")).toHaveLength(2);
  });

  it("a second resolve replies with the pull request that exists", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-002"] ?? 0;
    await resolve(h, number);
    const { payload, replies } = await resolve(h, number);
    const [pull] = pulls();
    expect(pulls()).toHaveLength(1);
    expect(replies[0]?.body).toBe(
      `A pull request for this exists already: #${pull?.number} (${gitea.fake.url}/${REPO}/pulls/${pull?.number}).`,
    );
    expect(reactionsOn(gitea.fake, payload.comment.id).at(-1)).toBe(`${BOT}:+1`);
    // The branch was not written twice: Gitea refused the new branch (422) and it was reused.
    expect(
      gitea.fake
        .requestsMatching({ route: "PUT /repos/{owner}/{repo}/contents/{filepath}" })
        .map((r) => r.status),
    ).toEqual([200, 422]);
  });

  it("a branch left by a closed pull request is reused for a new one", async () => {
    const { h, numbers } = await synced(gitea.fake);
    const number = numbers["TD-002"] ?? 0;
    await resolve(h, number);
    const [first] = pulls();
    if (first) first.state = "closed";
    const { replies } = await resolve(h, number);
    expect(pulls()).toHaveLength(2);
    expect(replies[0]?.body).toContain(`from the existing branch \`${BRANCH}\``);
  });

  it("keeps a byte order mark and CRLF line endings", async () => {
    const crlf = (text: string) => `\uFEFF${text.replaceAll("\n", "\r\n")}`;
    const { h, numbers } = await synced(gitea.fake, crlf(renderRegister(SPECS)));
    await resolve(h, numbers["TD-002"] ?? 0);
    expect(fileOn(BRANCH)).toBe(crlf(renderRegister([ONE, THREE])));
  });

  it("a finding no longer in the document: says so, opens nothing", async () => {
    const { h, numbers } = await synced(gitea.fake);
    h.commit(renderRegister([ONE, THREE]));
    const { payload, replies } = await resolve(h, numbers["TD-002"] ?? 0);
    expect(replies[0]?.body).toContain("TD-002 is not in `docs/deferred-errors.md`");
    expect(pulls()).toEqual([]);
    expect(reactionsOn(gitea.fake, payload.comment.id).at(-1)).toBe(`${BOT}:confused`);
  });

  it("a stale blob sha (the document changed meanwhile) asks to run it again", async () => {
    const { h, numbers } = await synced(gitea.fake);
    gitea.fake.failNext({ route: "PUT /repos/{owner}/{repo}/contents/{filepath}" }, 422);
    const { replies } = await resolve(h, numbers["TD-002"] ?? 0);
    expect(replies[0]?.body).toContain("changed on `main` while I was preparing the change");
    expect(pulls()).toEqual([]);
  });
});

describe("resolveBranchName", () => {
  it("lower-cases the ID and keeps branch names valid", () => {
    expect(resolveBranchName("TD-002")).toBe("deferbot/resolve-td-002");
    expect(resolveBranchName("SEC.WEB..16")).toBe("deferbot/resolve-sec.web.16");
    expect(resolveBranchName("A B~C^D:E")).toBe("deferbot/resolve-a-b-c-d-e");
    expect(resolveBranchName("X.lock")).toBe("deferbot/resolve-x-lock");
  });
});
