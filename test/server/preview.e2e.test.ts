/**
 * The PR preview end to end (SPEC §4, `pull_request`): the real server on loopback, the Gitea
 * fake, signed deliveries. Tracking issues are made by a real sync first; every PR is then read
 * at its merge base and head, and answered with one comment and the `deferbot/preview` status.
 */
import { afterEach, describe, expect, it } from "vitest";
import { handlePullRequest } from "../../src/service/handlers/pull-request.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { type FindingSpec, findingSpec, renderRegister } from "../support/register.js";
import { type BotServer, DOC, REPO, recordingHandlers, startBot } from "./harness.js";
import { hasSharedPayload, pullRequestPayload, pushPayload, sharedPayload } from "./payloads.js";

const gitea = useGiteaFake();
let bot: BotServer | undefined;

afterEach(async () => {
  await bot?.server.close();
  bot = undefined;
});

const PREVIEW_MARKER = "<!-- deferbot:comment kind=preview sha=";

async function start(): Promise<BotServer> {
  bot = await startBot(gitea.fake, {
    handlers: { ...recordingHandlers().handlers, pullRequest: handlePullRequest },
  });
  return bot;
}

/** The register on the default branch, synced by a push: one tracking issue per finding. */
async function seed(server: BotServer, specs: FindingSpec[]): Promise<string> {
  const sha = gitea.fake.setFile(REPO, DOC, renderRegister(specs));
  await server.send("push", pushPayload({ after: sha, commits: [{ id: sha, modified: [DOC] }] }));
  await server.server.whenIdle();
  return sha;
}

interface OpenedPull {
  number: number;
  headSha: string;
  mergeBase: string;
}

/** A branch cut from the default branch's head (or `from`), one commit setting `path`, and its PR. */
function openPull(
  content: string,
  options: { from?: string; path?: string; branch?: string; headRepo?: string } = {},
): OpenedPull {
  const fake = gitea.fake.repo(REPO);
  const mergeBase = options.from ?? gitea.fake.headSha(REPO);
  const branch = options.branch ?? `feature-${fake.nextIndex}`;
  fake.branches.set(branch, mergeBase);
  const headSha = gitea.fake.setFile(REPO, options.path ?? DOC, content, { branch });
  // A fork's head exists in the base repository only as refs/pull/N/head, not as a branch.
  if (options.headRepo !== undefined) fake.branches.delete(branch);
  const pull = gitea.fake.addPull(REPO, {
    title: "Update the register",
    author: "alice",
    head: branch,
    headSha,
    mergeBase,
    ...(options.headRepo === undefined ? {} : { headRepo: options.headRepo }),
  });
  return { number: pull.number, headSha, mergeBase };
}

/** Pushes one more commit to the PR's head. */
function pushToPull(pull: OpenedPull, content: string, path = DOC): OpenedPull {
  const fake = gitea.fake.repo(REPO);
  const stored = fake.issues.find((issue) => issue.number === pull.number)?.pull;
  if (!stored) throw new Error(`no PR #${pull.number}`);
  fake.branches.set(stored.head, pull.headSha);
  const headSha = gitea.fake.setFile(REPO, path, content, { branch: stored.head });
  stored.headSha = headSha;
  return { ...pull, headSha };
}

async function deliver(server: BotServer, pull: OpenedPull, action = "opened", headRepo?: string) {
  gitea.fake.resetRequests();
  const answer = await server.send(
    "pull_request",
    pullRequestPayload({
      action,
      number: pull.number,
      headSha: pull.headSha,
      mergeBase: pull.mergeBase,
      ...(headRepo === undefined ? {} : { headRepo }),
    }),
    { eventType: action === "synchronized" ? "pull_request_sync" : "pull_request" },
  );
  expect(answer.status).toBe(200);
  await server.server.whenIdle();
}

function commentsOn(number: number) {
  return gitea.fake.repo(REPO).comments.filter((comment) => comment.issueNumber === number);
}

function previewStatuses(sha: string) {
  return gitea.fake
    .repo(REPO)
    .statuses.filter((status) => status.sha === sha && status.context === "deferbot/preview");
}

/** Every write the preview made: comments and the status only, never an issue. */
function expectNoIssueWritten() {
  const routes = gitea.fake.writes().map((request) => request.route);
  for (const route of routes)
    expect([
      "POST /repos/{owner}/{repo}/issues/{index}/comments",
      "PATCH /repos/{owner}/{repo}/issues/comments/{id}",
      "POST /repos/{owner}/{repo}/statuses/{sha}",
    ]).toContain(route);
  expect(routes).toContain("POST /repos/{owner}/{repo}/statuses/{sha}");
}

function issueNumberOf(id: string): number {
  const issue = gitea.fake
    .repo(REPO)
    .issues.find((candidate) => candidate.body.includes(`<!-- deferbot:finding id=${id} -->`));
  if (!issue) throw new Error(`no tracking issue for ${id}`);
  return issue.number;
}

const specs = (...ns: number[]) => ns.map((n) => findingSpec(n));

describe("pull request preview", () => {
  it("a PR adding a finding: one comment announcing the new issue, success, no issue written", async () => {
    const server = await start();
    await seed(server, specs(1, 2));
    const trackingIssues = () => gitea.fake.repo(REPO).issues.filter((issue) => !issue.pull);
    const issuesBefore = trackingIssues().length;
    const pull = openPull(renderRegister(specs(1, 2, 3)));
    await deliver(server, pull);

    const comments = commentsOn(pull.number);
    expect(comments).toHaveLength(1);
    const body = comments[0]?.body ?? "";
    expect(body.startsWith(`${PREVIEW_MARKER}${pull.headSha} -->`)).toBe(true);
    expect(comments[0]?.author).toBe("deferbot");
    expect(body).toContain("**Merging this will open 1 tracking issue.**");
    expect(body).toContain("#### New: [TD-003]");
    expect(body).toContain("A new tracking issue will be opened with 3 steps.");
    expect(body).not.toContain("TD-001");
    expect(previewStatuses(pull.headSha)).toMatchObject([
      {
        state: "success",
        description: "Merging this will open 1 tracking issue.",
        targetUrl: expect.stringContaining(`/issues/${pull.number}#issuecomment-`),
      },
    ]);
    expect(trackingIssues()).toHaveLength(issuesBefore);
    expectNoIssueWritten();
    expect(gitea.fake.violations).toEqual([]);
  });

  it("a PR changing a finding's steps under ticks: the update and which ticks the merge keeps", async () => {
    const server = await start();
    await seed(server, specs(1, 2));
    const number = issueNumberOf("TD-001");
    const issue = gitea.fake.issue(REPO, number);
    issue.body = issue.body
      .replace("- [ ] Add a typed error for module 1", "- [x] Add a typed error for module 1")
      .replace(
        "- [ ] Propagate storage failures from module 1 to the caller",
        "- [x] Propagate storage failures from module 1 to the caller",
      );
    const changed = findingSpec(1, {
      steps: [
        "Add a typed error for module 1",
        "Add a regression test that fails when module 1 hides an error",
        "Document the error contract of module 1",
      ],
    });
    const pull = openPull(renderRegister([changed, findingSpec(2)]));
    await deliver(server, pull);

    const body = commentsOn(pull.number)[0]?.body ?? "";
    expect(body).toContain("**Merging this will update 1 tracking issue.**");
    expect(body).toContain("#### Changed: [TD-001]");
    expect(body).toContain(`Tracking issue [#${number}]`);
    expect(body).toContain("- Step added: Document the error contract of module 1");
    expect(body).toContain(
      "- Step removed: Propagate storage failures from module 1 to the caller",
    );
    expect(body).toContain("- Tick kept: Add a typed error for module 1");
    expect(body).toContain(
      "- Tick lost (step removed): Propagate storage failures from module 1 to the caller",
    );
    expect(previewStatuses(pull.headSha)).toMatchObject([{ state: "success" }]);
    expect(gitea.fake.issue(REPO, number).body).toBe(issue.body);
    expectNoIssueWritten();
  });

  it("a PR removing a finding: names the issue it closes", async () => {
    const server = await start();
    await seed(server, specs(1, 2));
    const number = issueNumberOf("TD-002");
    const pull = openPull(renderRegister(specs(1)));
    await deliver(server, pull);

    const body = commentsOn(pull.number)[0]?.body ?? "";
    expect(body).toContain("**Merging this will close 1 tracking issue.**");
    expect(body).toContain("#### Removed: TD-002: Deferred finding number 2");
    expect(body).toContain(`Tracking issue [#${number}]`);
    expect(body).toContain("will be closed as removed.");
    expect(previewStatuses(pull.headSha)).toMatchObject([
      { state: "success", description: "Merging this will close 1 tracking issue." },
    ]);
    expect(gitea.fake.issue(REPO, number).state).toBe("open");
    expectNoIssueWritten();
  });

  it("a PR breaking the document (a duplicate ID): the error in the comment, a failure status", async () => {
    const server = await start();
    await seed(server, specs(1, 2));
    const duplicate = findingSpec(3, { id: "TD-001", title: "Another finding with the same ID" });
    const pull = openPull(renderRegister([...specs(1, 2), duplicate]));
    await deliver(server, pull);

    const body = commentsOn(pull.number)[0]?.body ?? "";
    expect(body).toContain("#### The document at the head: 1 error");
    expect(body).toMatch(/- \*\*error\*\* \[line \d+\]\([^)]*\/src\/commit\/[0-9a-f]{40}\/docs/);
    expect(body).toContain("(`duplicate-id`)");
    expect(body).toContain("closes nothing");
    const [status] = previewStatuses(pull.headSha);
    expect(status?.state).toBe("failure");
    expect(status?.description).toMatch(/^1 error in docs\/deferred-errors\.md; line \d+: /);
    expectNoIssueWritten();
  });

  it("synchronized edits the same comment, and only when its text changes; the cost is counted", async () => {
    const server = await start();
    await seed(server, specs(1, 2));
    const opened = openPull(renderRegister(specs(1, 2, 3)));
    await deliver(server, opened);
    const [first] = commentsOn(opened.number);

    const pushed = pushToPull(opened, renderRegister(specs(1, 2, 3, 4)));
    await deliver(server, pushed, "synchronized");
    const comments = commentsOn(opened.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.id).toBe(first?.id);
    expect(comments[0]?.body).toContain(`${PREVIEW_MARKER}${pushed.headSha} -->`);
    expect(comments[0]?.body).toContain("**Merging this will open 2 tracking issues.**");
    // The request cost of one preview: the config (both paths, each missing: a raw read and the
    // contents API to tell missing from a directory) and the document (one raw read) at the merge
    // base and at the head, the one listing page, the comment lookup, one edit, one status.
    expect(gitea.fake.requests.map((request) => request.route).sort()).toEqual(
      [
        ...Array(4).fill("GET /repos/{owner}/{repo}/contents/{filepath}"),
        ...Array(6).fill("GET /repos/{owner}/{repo}/raw/{filepath}"),
        "GET /repos/{owner}/{repo}/issues",
        "GET /repos/{owner}/{repo}/issues/{index}/comments",
        "PATCH /repos/{owner}/{repo}/issues/comments/{id}",
        "POST /repos/{owner}/{repo}/statuses/{sha}",
      ].sort(),
    );
    const reads = gitea.fake.requestsMatching({
      route: "GET /repos/{owner}/{repo}/raw/{filepath}",
    });
    expect(
      reads
        .filter((r) => r.path.endsWith(DOC))
        .map((r) => r.query.ref)
        .sort(),
    ).toEqual([pushed.headSha, pushed.mergeBase].sort());

    // The same delivery again: the text is the same, so no write but the status.
    await deliver(server, pushed, "synchronized");
    expect(gitea.fake.writes().map((request) => request.route)).toEqual([
      "POST /repos/{owner}/{repo}/statuses/{sha}",
    ]);
    expect(commentsOn(opened.number)).toHaveLength(1);
  });

  it("a marker pasted by a person is not the bot's comment: the bot posts its own and edits only that", async () => {
    const server = await start();
    await seed(server, specs(1));
    const pull = openPull(renderRegister(specs(1, 2)));
    const pasted = gitea.fake.addComment(REPO, pull.number, {
      author: "alice",
      body: `${PREVIEW_MARKER}${pull.headSha} -->\nquoted from the bot`,
    });
    await deliver(server, pull);
    const pushed = pushToPull(pull, renderRegister(specs(1, 2, 3)));
    await deliver(server, pushed, "synchronized");
    const comments = commentsOn(pull.number);
    expect(comments).toHaveLength(2);
    expect(comments[0]).toMatchObject({ id: pasted.id, body: pasted.body });
    expect(comments[1]?.author).toBe("deferbot");
    expect(comments[1]?.body).toContain("**Merging this will open 2 tracking issues.**");
  });

  it("lists the tracking issues in ⌈M/50⌉ pages", async () => {
    const server = await start();
    const many = Array.from({ length: 51 }, (_, i) => findingSpec(i + 1));
    await seed(server, many);
    const pull = openPull(renderRegister([...many, findingSpec(52)]));
    await deliver(server, pull);
    expect(gitea.fake.count({ route: "GET /repos/{owner}/{repo}/issues" })).toBe(2);
    expect(commentsOn(pull.number)[0]?.body).toContain(
      "**Merging this will open 1 tracking issue.**",
    );
  });

  it("a PR that does not touch the document: no comment, a success status, no listing", async () => {
    const server = await start();
    await seed(server, specs(1));
    const pull = openPull("export {};\n", { path: "src/app.ts" });
    await deliver(server, pull);
    expect(commentsOn(pull.number)).toEqual([]);
    expect(previewStatuses(pull.headSha)).toMatchObject([
      { state: "success", description: "register not touched", targetUrl: "" },
    ]);
    expect(gitea.fake.count({ route: "GET /repos/{owner}/{repo}/issues" })).toBe(0);
    expectNoIssueWritten();
  });

  it("a PR that no longer touches the document gets its comment edited to say so", async () => {
    const server = await start();
    await seed(server, specs(1));
    const original = renderRegister(specs(1));
    const pull = openPull(renderRegister(specs(1, 2)));
    await deliver(server, pull);
    const reverted = pushToPull(pull, original);
    await deliver(server, reverted, "synchronized");
    const comments = commentsOn(pull.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain("This pull request no longer changes");
    expect(comments[0]?.body).toContain(`${PREVIEW_MARKER}${reverted.headSha} -->`);
    expect(previewStatuses(reverted.headSha)).toMatchObject([
      { state: "success", description: "register not touched" },
    ]);
  });

  it("a PR cut before the default branch gained a finding does not announce closing it", async () => {
    const server = await start();
    const cut = await seed(server, specs(1));
    await seed(server, specs(1, 2)); // the default branch gains TD-002 (and its issue)
    const changed = findingSpec(1, { risk: "High — reachable from the public API" });
    const pull = openPull(renderRegister([changed]), { from: cut });
    await deliver(server, pull);
    const body = commentsOn(pull.number)[0]?.body ?? "";
    expect(body).toContain("**Merging this will update 1 tracking issue.**");
    expect(body).not.toContain("TD-002");
    expect(body).not.toMatch(/close/i);
    expectNoIssueWritten();
  });

  it("a PR from a fork: the head is read in the base repository", async () => {
    const server = await start();
    await seed(server, specs(1));
    const pull = openPull(renderRegister(specs(1, 2)), { headRepo: "alice/widgets" });
    await deliver(server, pull, "opened", "alice/widgets");
    expect(commentsOn(pull.number)[0]?.body).toContain("#### New: [TD-002]");
    expect(previewStatuses(pull.headSha)).toMatchObject([{ state: "success" }]);
    const paths = gitea.fake.requests.map((request) => request.path);
    expect(paths.every((path) => path.startsWith(`/repos/${REPO}/`))).toBe(true);
    expect(
      gitea.fake.requestsMatching({ path: `/repos/${REPO}/raw/${DOC}` }).map((r) => r.query.ref),
    ).toContain(pull.headSha);
  });

  it("a config error at the head fails the status even when the document is untouched", async () => {
    const server = await start();
    await seed(server, specs(1));
    const pull = openPull("maxCreates: -1\n", { path: ".gitea/deferbot.yml" });
    await deliver(server, pull);
    const [status] = previewStatuses(pull.headSha);
    expect(status?.state).toBe("failure");
    expect(status?.description).toContain(".gitea/deferbot.yml");
    expect(status?.description).toContain("maxCreates");
  });

  it("ignores a PR against another branch", async () => {
    const server = await start();
    await seed(server, specs(1));
    const pull = openPull(renderRegister(specs(1, 2)));
    gitea.fake.resetRequests();
    await server.send(
      "pull_request",
      pullRequestPayload({
        action: "opened",
        number: pull.number,
        headSha: pull.headSha,
        mergeBase: pull.mergeBase,
        base: "release",
      }),
    );
    await server.server.whenIdle();
    expect(gitea.fake.requests).toEqual([]);
  });

  it.skipIf(!hasSharedPayload("pull-request-opened.json"))(
    "previews from Gitea's own payloads (../shared/gitea/payloads/pull-request-*.json), retargeted",
    async () => {
      const server = await start();
      await seed(server, specs(1));
      const pull = openPull(renderRegister(specs(1, 2)));
      const retarget = (file: string, at: OpenedPull) => {
        const payload = sharedPayload(file);
        const pr = payload.pull_request as Record<string, Record<string, unknown>>;
        payload.number = at.number;
        Object.assign(pr, { number: at.number, merge_base: at.mergeBase });
        Object.assign(pr.head as object, { sha: at.headSha });
        Object.assign(pr.base as object, { ref: "main", sha: at.mergeBase });
        return payload;
      };
      await server.send("pull_request", retarget("pull-request-opened.json", pull));
      await server.server.whenIdle();
      const pushed = pushToPull(pull, renderRegister(specs(1, 2, 3)));
      await server.send("pull_request", retarget("pull-request-synchronized.json", pushed), {
        eventType: "pull_request_sync",
      });
      await server.server.whenIdle();
      const comments = commentsOn(pull.number);
      expect(comments).toHaveLength(1);
      expect(comments[0]?.body).toContain("**Merging this will open 2 tracking issues.**");
      expect(previewStatuses(pushed.headSha)).toMatchObject([{ state: "success" }]);
    },
  );
});
