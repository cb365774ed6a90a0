/** The fake answers like Gitea 1.25 (NOTES.md), checked with plain fetch. */
import { afterEach, describe, expect, test } from "vitest";
import { giteaContract } from "../swagger/gitea-contract.js";
import { type GiteaFake, type GiteaFakeOptions, startGiteaFake } from "./index.js";

let fake: GiteaFake | undefined;
afterEach(async () => {
  const f = fake;
  fake = undefined;
  await f?.stop();
  if (f) expect(f.violations).toEqual([]);
});

async function start(options: GiteaFakeOptions = {}): Promise<GiteaFake> {
  fake = await startGiteaFake(options);
  return fake;
}

async function call(
  f: GiteaFake,
  method: string,
  path: string,
  body?: unknown,
  token = "deferbot-token",
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers of many shapes, asserted field by field
): Promise<{ status: number; headers: Headers; data: any }> {
  const response = await fetch(`${f.apiUrl}${path}`, {
    method,
    headers: { authorization: `token ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    data: text ? JSON.parse(text) : undefined,
  };
}

const R = "/repos/acme/widgets";

describe("issues", () => {
  test("paged with limit (max 50), Link from ROOT_URL without spaces, X-Total-Count", async () => {
    const f = await start({ rootUrl: "https://git.example/" });
    for (let i = 0; i < 120; i++)
      f.addIssue("acme/widgets", { title: `i${i}`, author: "deferbot" });
    const first = await call(f, "GET", `${R}/issues?state=all&limit=100&page=1`);
    expect(first.data).toHaveLength(50);
    expect(first.data[0].title).toBe("i119");
    expect(first.headers.get("x-total-count")).toBe("120");
    expect(first.headers.get("link")).toBe(
      '<https://git.example/api/v1/repos/acme/widgets/issues?limit=100&page=2&state=all>; rel="next",' +
        '<https://git.example/api/v1/repos/acme/widgets/issues?limit=100&page=3&state=all>; rel="last"',
    );
    const defaultPage = await call(f, "GET", `${R}/issues?state=all`);
    expect(defaultPage.data).toHaveLength(30);
    const last = await call(f, "GET", `${R}/issues?state=all&limit=50&page=3`);
    expect(last.data).toHaveLength(20);
    expect(last.headers.get("link")).not.toContain('rel="next"');
  });

  test("per_page is ignored (contract checks off)", async () => {
    const f = await start({ validate: false });
    for (let i = 0; i < 40; i++) f.addIssue("acme/widgets", { title: `i${i}`, author: "alice" });
    expect((await call(f, "GET", `${R}/issues?per_page=100`)).data).toHaveLength(30);
  });

  test("labels filter: AND of known names; only unknown names → every issue", async () => {
    const f = await start();
    f.addLabel("acme/widgets", { name: "bug" });
    f.addIssue("acme/widgets", { title: "labelled", author: "alice", labels: ["bug"] });
    f.addIssue("acme/widgets", { title: "plain", author: "alice" });
    const known = await call(f, "GET", `${R}/issues?labels=bug`);
    expect(known.data.map((i: { title: string }) => i.title)).toEqual(["labelled"]);
    const unknown = await call(f, "GET", `${R}/issues?labels=nope`);
    expect(unknown.data).toHaveLength(2);
  });

  test("created_by an unknown user is 404; type=issues drops pull requests", async () => {
    const f = await start();
    expect((await call(f, "GET", `${R}/issues?created_by=ghost`)).status).toBe(404);
    f.setFile("acme/widgets", "a.md", "x", { branch: "main" });
    f.repo("acme/widgets").branches.set("feature", f.headSha("acme/widgets"));
    f.setFile("acme/widgets", "b.md", "y");
    expect(
      (await call(f, "POST", `${R}/pulls`, { head: "feature", base: "main", title: "PR" })).status,
    ).toBe(201);
    f.addIssue("acme/widgets", { title: "issue", author: "alice" });
    const all = await call(f, "GET", `${R}/issues?state=all`);
    expect(all.data).toHaveLength(2);
    const issues = await call(f, "GET", `${R}/issues?state=all&type=issues`);
    expect(issues.data.map((i: { title: string }) => i.title)).toEqual(["issue"]);
  });

  test("create takes label IDs only (names → 422); PATCH answers 201; bad state 412", async () => {
    const f = await start();
    const label = f.addLabel("acme/widgets", { name: "bug", color: "#EE0701" });
    const byName = await call(f, "POST", `${R}/issues`, { title: "t", labels: ["bug"] });
    expect(byName.status).toBe(422);
    const created = await call(f, "POST", `${R}/issues`, {
      title: "t",
      body: "b",
      labels: [label.id, 999],
    });
    expect(created.status).toBe(201);
    expect(created.data.labels).toEqual([
      expect.objectContaining({ id: label.id, name: "bug", color: "ee0701" }),
    ]);
    expect(created.data.pull_request).toBeNull();
    const edited = await call(f, "PATCH", `${R}/issues/${created.data.number}`, {
      state: "closed",
    });
    expect(edited.status).toBe(201);
    expect(edited.data.state).toBe("closed");
    expect((await call(f, "PATCH", `${R}/issues/1`, { state: "done" })).status).toBe(412);
  });

  test("a reader's labels are silently dropped on create", async () => {
    const f = await start();
    const label = f.addLabel("acme/widgets", { name: "bug" });
    const created = await call(
      f,
      "POST",
      `${R}/issues`,
      { title: "t", labels: [label.id] },
      "alice-token",
    );
    expect(created.status).toBe(201);
    expect(created.data.labels).toEqual([]);
  });
});

describe("issue fields: assignees, due dates, milestones, dependencies", () => {
  test("assignees: collaborators with write by login, then the owner; settable in tests", async () => {
    const f = await start();
    f.setCollaborator("acme/widgets", "Zed", "admin");
    f.setCollaborator("acme/widgets", "bob", "write");
    const answer = await call(f, "GET", `${R}/assignees`);
    expect(answer.status).toBe(200);
    // alice reads only; root is a site admin, not a collaborator.
    expect(answer.data.map((u: { login: string }) => u.login)).toEqual([
      "bob",
      "deferbot",
      "Zed",
      "acme",
    ]);
  });

  test("milestones: open by default, state=closed|all, name filter, X-Total-Count without Link", async () => {
    const f = await start();
    const v1 = f.addMilestone("acme/widgets", { title: "v1.0", state: "closed" });
    const v2 = f.addMilestone("acme/widgets", { title: "v2.0" });
    const titles = async (query: string) => {
      const answer = await call(f, "GET", `${R}/milestones${query}`);
      expect(answer.headers.get("link")).toBeNull();
      return answer.data.map((m: { title: string }) => m.title);
    };
    expect(await titles("")).toEqual(["v2.0"]);
    expect(await titles("?state=closed")).toEqual(["v1.0"]);
    expect(await titles("?state=all")).toEqual(["v1.0", "v2.0"]);
    expect(await titles("?state=all&name=V1")).toEqual(["v1.0"]);
    const all = await call(f, "GET", `${R}/milestones?state=all&limit=1`);
    expect(all.headers.get("x-total-count")).toBe("2");
    expect(all.data[0]).toMatchObject({ id: v1.id, state: "closed", open_issues: 0 });
    expect(v2.state).toBe("open");
  });

  test("create with assignees, due date (the instant sent) and milestone; unknown milestone dropped", async () => {
    const f = await start();
    const milestone = f.addMilestone("acme/widgets", { title: "v2.0" });
    const created = await call(f, "POST", `${R}/issues`, {
      title: "t",
      assignees: ["deferbot", "acme"],
      due_date: "2027-03-31T23:59:59Z",
      milestone: milestone.id,
    });
    expect(created.status).toBe(201);
    expect(created.data.assignees.map((u: { login: string }) => u.login)).toEqual([
      "deferbot",
      "acme",
    ]);
    expect(created.data.due_date).toBe("2027-03-31T23:59:59Z");
    expect(created.data.milestone).toMatchObject({
      id: milestone.id,
      title: "v2.0",
      state: "open",
    });
    const local = await call(f, "POST", `${R}/issues`, {
      title: "u",
      due_date: "2027-03-31T10:00:00+02:00",
      milestone: 9999,
    });
    expect(local.data.due_date).toBe("2027-03-31T08:00:00Z");
    expect(local.data.milestone).toBeNull();
  });

  test("create: an unknown or unassignable assignee is 422; a reader's fields are dropped", async () => {
    const f = await start();
    const unknown = await call(f, "POST", `${R}/issues`, { title: "t", assignees: ["nobody"] });
    expect(unknown.status).toBe(422);
    expect(unknown.data.message).toContain("Assignee does not exist");
    const reader = await call(f, "POST", `${R}/issues`, { title: "t", assignees: ["alice"] });
    expect(reader.status).toBe(422);
    const milestone = f.addMilestone("acme/widgets", { title: "v2.0" });
    const dropped = await call(
      f,
      "POST",
      `${R}/issues`,
      {
        title: "t",
        assignees: ["deferbot"],
        due_date: "2027-03-31T23:59:59Z",
        milestone: milestone.id,
      },
      "alice-token",
    );
    expect(dropped.status).toBe(201);
    expect(dropped.data).toMatchObject({ assignees: null, due_date: null, milestone: null });
    const badDate = await call(f, "POST", `${R}/issues`, { title: "t", due_date: "2027-03-31" });
    expect(badDate.status).toBe(422);
  });

  test("edit: due date to the end of its day in the offset sent, unset_due_date, assignees replaced, milestone 0 clears", async () => {
    const f = await start();
    const milestone = f.addMilestone("acme/widgets", { title: "v2.0" });
    const issue = f.addIssue("acme/widgets", { title: "t", author: "deferbot" });
    const path = `${R}/issues/${issue.number}`;
    const set = await call(f, "PATCH", path, {
      due_date: "2027-03-31T08:00:00+02:00",
      assignees: ["deferbot", "acme"],
      milestone: milestone.id,
    });
    expect(set.status).toBe(201);
    expect(set.data.due_date).toBe("2027-03-31T21:59:59Z");
    expect(f.issue("acme/widgets", issue.number)).toMatchObject({
      assignees: ["deferbot", "acme"],
      milestone: { id: milestone.id, title: "v2.0" },
    });
    const kept = await call(f, "PATCH", path, { body: "b" });
    expect(kept.data.due_date).toBe("2027-03-31T21:59:59Z");
    expect((await call(f, "PATCH", path, { unset_due_date: false })).status).toBe(400);
    const cleared = await call(f, "PATCH", path, {
      unset_due_date: true,
      assignees: [],
      milestone: 0,
    });
    expect(cleared.data).toMatchObject({ due_date: null, assignees: null, milestone: null });
  });

  test("edit: an unknown assignee or milestone is 500 with no message (not an admin)", async () => {
    const f = await start();
    const issue = f.addIssue("acme/widgets", { title: "t", author: "deferbot" });
    const path = `${R}/issues/${issue.number}`;
    const assignee = await call(f, "PATCH", path, { assignees: ["nobody"] });
    expect(assignee).toMatchObject({ status: 500, data: { message: "" } });
    const milestone = await call(f, "PATCH", path, { milestone: 4242 });
    expect(milestone.status).toBe(500);
    const admin = await call(f, "PATCH", path, { milestone: 4242 }, "root-token");
    expect(admin.data.message).toContain("HasMilestoneByRepoID");
  });

  test("dependencies: POST 201 and DELETE 201 with the issue; GET the blockers; duplicate, cycle and missing are 500", async () => {
    const f = await start();
    const a = f.addIssue("acme/widgets", { title: "a", author: "deferbot" });
    const b = f.addIssue("acme/widgets", { title: "b", author: "deferbot" });
    const deps = `${R}/issues/${a.number}/dependencies`;
    const meta = { owner: "acme", repo: "widgets", index: b.number };
    const added = await call(f, "POST", deps, meta);
    expect(added.status).toBe(201);
    expect(added.data.number).toBe(a.number);
    const listed = await call(f, "GET", deps);
    expect(listed.data.map((i: { number: number }) => i.number)).toEqual([b.number]);
    expect((await call(f, "POST", deps, meta)).status).toBe(500);
    const reverse = { owner: "acme", repo: "widgets", index: a.number };
    expect((await call(f, "POST", `${R}/issues/${b.number}/dependencies`, reverse)).status).toBe(
      500,
    );
    const removed = await call(f, "DELETE", deps, meta);
    expect(removed.status).toBe(201);
    expect((await call(f, "GET", deps)).data).toEqual([]);
    expect((await call(f, "DELETE", deps, meta)).status).toBe(500);
  });

  test("dependencies: another repository 400, unknown issue 404, reader 404, disabled 404", async () => {
    const f = await start();
    const a = f.addIssue("acme/widgets", { title: "a", author: "deferbot" });
    const deps = `${R}/issues/${a.number}/dependencies`;
    const other = { owner: "ACME", repo: "widgets", index: a.number };
    expect((await call(f, "POST", deps, other)).status).toBe(400);
    const missing = { owner: "acme", repo: "widgets", index: 99 };
    expect((await call(f, "POST", deps, missing)).status).toBe(404);
    const self = { owner: "acme", repo: "widgets", index: a.number };
    expect((await call(f, "POST", deps, self, "alice-token")).status).toBe(404);
    f.repo("acme/widgets").dependenciesEnabled = false;
    expect((await call(f, "GET", deps)).status).toBe(404);
  });

  test("closing an issue with an open dependency is 412, the other changes kept; closed blockers do not count", async () => {
    const f = await start();
    const a = f.addIssue("acme/widgets", { title: "a", author: "deferbot" });
    const b = f.addIssue("acme/widgets", { title: "b", author: "deferbot" });
    f.addDependency("acme/widgets", a.number, b.number);
    const refused = await call(f, "PATCH", `${R}/issues/${a.number}`, {
      body: "new",
      state: "closed",
    });
    expect(refused.status).toBe(412);
    expect(refused.data.message).toContain("open dependencies");
    expect(f.issue("acme/widgets", a.number)).toMatchObject({ state: "open", body: "new" });
    expect((await call(f, "PATCH", `${R}/issues/${b.number}`, { state: "closed" })).status).toBe(
      201,
    );
    expect((await call(f, "PATCH", `${R}/issues/${a.number}`, { state: "closed" })).status).toBe(
      201,
    );
  });
});

describe("labels, comments, reactions", () => {
  test("labels: no Link header, duplicates allowed, colour without '#'", async () => {
    const f = await start();
    for (let i = 0; i < 60; i++)
      f.addLabel("acme/widgets", { name: `l${String(i).padStart(2, "0")}` });
    const page = await call(f, "GET", `${R}/labels?limit=50`);
    expect(page.data).toHaveLength(50);
    expect(page.headers.get("link")).toBeNull();
    expect(page.headers.get("x-total-count")).toBe("60");
    const a = await call(f, "POST", `${R}/labels`, { name: "dup", color: "#abc" });
    const b = await call(f, "POST", `${R}/labels`, { name: "dup", color: "00FF00" });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.data.color).toBe("aabbcc");
    expect(b.data.color).toBe("00ff00");
    expect(a.data.id).not.toBe(b.data.id);
  });

  test("issue labels: IDs or names, not mixed; remove by ID only", async () => {
    const f = await start();
    const bug = f.addLabel("acme/widgets", { name: "bug" });
    f.addLabel("acme/widgets", { name: "risk/high" });
    const issue = f.addIssue("acme/widgets", { title: "t", author: "deferbot" });
    const mixed = await call(f, "POST", `${R}/issues/${issue.number}/labels`, {
      labels: [bug.id, "risk/high"],
    });
    expect(mixed.status).toBe(400);
    const added = await call(f, "POST", `${R}/issues/${issue.number}/labels`, {
      labels: ["risk/high", "nope"],
    });
    expect(added.status).toBe(200);
    expect(added.data.map((l: { name: string }) => l.name)).toEqual(["risk/high"]);
    expect((await call(f, "DELETE", `${R}/issues/${issue.number}/labels/risk%2Fhigh`)).status).toBe(
      422,
    );
    const replaced = await call(f, "PUT", `${R}/issues/${issue.number}/labels`, {
      labels: [bug.id],
    });
    expect(replaced.data.map((l: { name: string }) => l.name)).toEqual(["bug"]);
    expect((await call(f, "DELETE", `${R}/issues/${issue.number}/labels/${bug.id}`)).status).toBe(
      204,
    );
    expect(f.issue("acme/widgets", issue.number).labelIds).toEqual([]);
  });

  test("comments: unpaginated, no Link; unknown issue is 500 on create; edit answers 200", async () => {
    const f = await start();
    const issue = f.addIssue("acme/widgets", { title: "t", author: "deferbot" });
    for (let i = 0; i < 60; i++)
      f.addComment("acme/widgets", issue.number, { author: "alice", body: `c${i}` });
    const list = await call(f, "GET", `${R}/issues/${issue.number}/comments`);
    expect(list.data).toHaveLength(60);
    expect(list.headers.get("link")).toBeNull();
    expect((await call(f, "POST", `${R}/issues/99/comments`, { body: "x" })).status).toBe(500);
    const created = await call(f, "POST", `${R}/issues/${issue.number}/comments`, { body: "hi" });
    expect(created.status).toBe(201);
    const edited = await call(f, "PATCH", `${R}/issues/comments/${created.data.id}`, {
      body: "hello",
    });
    expect(edited.status).toBe(200);
    expect(edited.data.body).toBe("hello");
  });

  test("reactions: 201 new, 200 repeated, 403 unknown content, no id", async () => {
    const f = await start();
    const issue = f.addIssue("acme/widgets", { title: "t", author: "alice" });
    const comment = f.addComment("acme/widgets", issue.number, {
      author: "alice",
      body: "/deferbot sync",
    });
    const path = `${R}/issues/comments/${comment.id}/reactions`;
    const first = await call(f, "POST", path, { content: "eyes" });
    const again = await call(f, "POST", path, { content: "eyes" });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(first.data).not.toHaveProperty("id");
    expect((await call(f, "POST", path, { content: "party" })).status).toBe(403);
  });
});

describe("contents, commits, statuses, pulls, permissions, auth", () => {
  test("contents: base64 with last_commit_sha, 404, null content above the blob limit", async () => {
    const f = await start({ maxBlobSize: 10 });
    const sha1 = f.setFile("acme/widgets", "docs/a.md", "hello");
    f.setFile("acme/widgets", "docs/other.md", "x");
    const got = await call(f, "GET", `${R}/contents/docs%2Fa.md`);
    expect(got.status).toBe(200);
    expect(Buffer.from(got.data.content, "base64").toString()).toBe("hello");
    expect(got.data.encoding).toBe("base64");
    expect(got.data.last_commit_sha).toBe(sha1);
    expect((await call(f, "GET", `${R}/contents/docs%2Fnone.md`)).status).toBe(404);
    const atOld = await call(f, "GET", `${R}/contents/docs%2Fother.md?ref=${sha1}`);
    expect(atOld.status).toBe(404);
    f.setFile("acme/widgets", "big.md", "0123456789abc");
    const big = await call(f, "GET", `${R}/contents/big.md`);
    expect([big.data.content, big.data.encoding, big.data.size]).toEqual([null, null, 13]);
    const dir = await call(f, "GET", `${R}/contents/docs`);
    expect(dir.data.map((e: { path: string }) => e.path)).toEqual(["docs/a.md", "docs/other.md"]);
  });

  test("PUT contents: sha required, stale sha 422, new_branch, a commit per write", async () => {
    const f = await start();
    f.setFile("acme/widgets", "a.md", "one");
    const blob = (await call(f, "GET", `${R}/contents/a.md`)).data.sha;
    const content = Buffer.from("two").toString("base64");
    expect((await call(f, "PUT", `${R}/contents/a.md`, { content, message: "m" })).status).toBe(
      422,
    );
    expect(
      (await call(f, "PUT", `${R}/contents/a.md`, { content, sha: "0".repeat(40) })).status,
    ).toBe(422);
    const put = await call(f, "PUT", `${R}/contents/a.md`, {
      content,
      sha: blob,
      new_branch: "edit",
    });
    expect(put.status).toBe(200);
    expect(f.headSha("acme/widgets", "edit")).toBe(put.data.commit.sha);
    expect(f.headSha("acme/widgets")).not.toBe(put.data.commit.sha);
    const again = await call(f, "PUT", `${R}/contents/a.md`, {
      content,
      sha: blob,
      new_branch: "edit",
    });
    expect(again.status).toBe(422);
    const commit = await call(f, "GET", `${R}/git/commits/${put.data.commit.sha}`);
    expect(commit.data.files).toEqual([{ filename: "a.md", status: "modified" }]);
    const head = f.headSha("acme/widgets");
    for (const ref of ["main", "HEAD", head.slice(0, 7)])
      expect((await call(f, "GET", `${R}/git/commits/${ref}`)).data.sha).toBe(head);
    expect((await call(f, "GET", `${R}/git/commits/a..b`)).status).toBe(422);
    expect((await call(f, "GET", `${R}/git/commits/nope`)).status).toBe(404);
  });

  test("statuses: 201 with `status`; unknown sha 500; reader 403", async () => {
    const f = await start();
    const sha = f.headSha("acme/widgets");
    const created = await call(f, "POST", `${R}/statuses/${sha}`, {
      state: "success",
      context: "deferbot",
      description: "ok",
    });
    expect(created.status).toBe(201);
    expect(created.data.status).toBe("success");
    expect(created.data).not.toHaveProperty("state");
    expect(
      (await call(f, "POST", `${R}/statuses/${"f".repeat(40)}`, { state: "success" })).status,
    ).toBe(500);
    expect(
      (await call(f, "POST", `${R}/statuses/${sha}`, { state: "success" }, "alice-token")).status,
    ).toBe(403);
  });

  test("pulls: 201, then 409 for the same head and base", async () => {
    const f = await start();
    const base = f.headSha("acme/widgets");
    f.setFile("acme/widgets", "a.md", "x", { branch: "main" });
    f.repo("acme/widgets").branches.set("feature", f.headSha("acme/widgets"));
    f.repo("acme/widgets").branches.set("main", base);
    const body = { head: "feature", base: "main", title: "Update" };
    expect((await call(f, "POST", `${R}/pulls`, body)).status).toBe(201);
    expect((await call(f, "POST", `${R}/pulls`, body)).status).toBe(409);
  });

  test("collaborator permission: 403 unless admin or self; owner for site admins", async () => {
    const f = await start();
    const path = (login: string) => `${R}/collaborators/${login}/permission`;
    expect((await call(f, "GET", path("alice"))).status).toBe(403);
    expect((await call(f, "GET", path("deferbot"))).data.permission).toBe("write");
    const asRoot = await call(f, "GET", path("alice"), undefined, "root-token");
    expect([asRoot.data.permission, asRoot.data.role_name]).toEqual(["read", "read"]);
    expect((await call(f, "GET", path("root"), undefined, "root-token")).data.permission).toBe(
      "owner",
    );
  });

  test("unknown token 401; errors carry {message, url}", async () => {
    const f = await start();
    const denied = await call(f, "GET", "/user", undefined, "wrong");
    expect(denied.status).toBe(401);
    expect(denied.data).toEqual({
      message: expect.any(String),
      url: expect.stringContaining("/api/swagger"),
    });
  });
});

describe("test controls", () => {
  test.runIf(giteaContract() !== null)(
    "a contract violation answers 400 and is recorded",
    async () => {
      const f = await start();
      expect(f.validating).toBe(true);
      const answer = await call(f, "GET", `${R}/issues?per_page=100`);
      expect(answer.status).toBe(400);
      expect(answer.data.message).toContain('"per_page"');
      expect(f.violations).toHaveLength(1);
      f.violations.length = 0;
    },
  );

  test("failNext answers the injected status once; requests are logged and counted", async () => {
    const f = await start();
    f.failNext({ method: "GET", path: "/user" }, 502);
    expect((await call(f, "GET", "/user")).status).toBe(502);
    expect((await call(f, "GET", "/user")).status).toBe(200);
    expect(f.count({ path: "/user" })).toBe(2);
    expect(f.count({ path: "/user", status: 502 })).toBe(1);
    expect(f.requests.map((r) => r.route)).toEqual(["GET /user", "GET /user"]);
  });

  test("setFile makes a new commit each time", async () => {
    const f = await start();
    const a = f.setFile("acme/widgets", "x.md", "1");
    const b = f.setFile("acme/widgets", "x.md", "2");
    expect(a).not.toBe(b);
    expect(f.headSha("acme/widgets")).toBe(b);
    expect(f.repo("acme/widgets").commits.get(b)?.parents).toEqual([a]);
  });
});
