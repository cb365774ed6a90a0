/** SPEC §8, Gitea's own issue fields, against the Gitea fake over loopback HTTP. */
import { describe, expect, it } from "vitest";
import { formatSyncResult, syncReport } from "../../src/cli/format-sync.js";
import { isDashboard } from "../../src/core/dashboard/identify-dashboard.js";
import { readState, updateState } from "../../src/core/issue/state-line.js";
import type { FakeIssue, RequestRecord } from "../support/gitea-fake/index.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderFinding } from "../support/register.js";
import { DOC, harness, REPO } from "../support/sync-harness.js";

const gitea = useGiteaFake();
const R = "/repos/{owner}/{repo}";
const DEPENDENCIES = `${R}/issues/{index}/dependencies`;

/** Non-GET requests as `METHOD template`, in order. */
function writes(requests: RequestRecord[]): string[] {
  return requests.filter((r) => r.method !== "GET").map((r) => r.route ?? `${r.method} ${r.path}`);
}

/** Finding n with extra field lines (`Owner: @alice`, …) after its risk. */
function finding(n: number, extra: Record<string, string> = {}): string {
  const lines = Object.entries(extra).map(([label, value]) => `- **${label}:** ${value}`);
  return [renderFinding(findingSpec(n)), ...lines].join("\n");
}

function register(...findings: string[]): string {
  return `# Deferred Errors\n\n---\n\n${findings.join("\n\n---\n\n")}\n`;
}

const OWNED = { Owner: "@alice", Due: "2027-03-31", Milestone: "v2.0" };
const FIELDS = register(finding(1, OWNED), finding(2, { "Blocked by": "TD-001" }), finding(3));

/** A harness where alice and bob may be assigned and milestone v2.0 exists. */
function setUp(options: { concurrency?: number } = {}) {
  const h = harness(gitea.fake, options);
  h.fake.setCollaborator(REPO, "alice", "write");
  h.fake.setCollaborator(REPO, "bob", "write");
  h.fake.addMilestone(REPO, { title: "v2.0" });
  h.fake.addMilestone(REPO, { title: "v3.0" });
  return h;
}

function only(issues: FakeIssue[]): FakeIssue {
  const [issue, ...more] = issues;
  if (!issue || more.length > 0) throw new Error(`expected one issue, got ${issues.length}`);
  return issue;
}

async function synced() {
  const h = setUp();
  h.commit(FIELDS);
  await h.sync();
  return h;
}

describe("first sync of a register that writes the issue fields", () => {
  it("sets assignees, due date, milestone and dependencies, and records them", async () => {
    const h = await synced();
    const one = only(h.issuesFor("TD-001"));
    const two = only(h.issuesFor("TD-002"));
    expect(one.assignees).toEqual(["alice"]);
    expect(one.dueDate?.slice(0, 10)).toBe("2027-03-31");
    expect(one.milestone?.title).toBe("v2.0");
    expect(two.blockedBy).toEqual([one.number]);
    expect(readState(one.body)?.fieldsSet).toEqual({
      assignees: ["alice"],
      dueDate: "2027-03-31",
      milestone: "v2.0",
    });
    expect(readState(two.body)?.fieldsSet).toEqual({ dependencies: [one.number] });
    // The fields live in Gitea's own fields, not in the block's "Other fields".
    expect(one.body).not.toContain("Owner");
    expect(one.body).not.toContain("Other fields");
  });

  it("costs: 1 assignees read, 1 milestones read, the creates carry the fields, 1 POST per dependency, and the record's re-read + PATCH", async () => {
    const h = await synced();
    const f = h.fake;
    expect(f.count({ route: `GET ${R}/assignees` })).toBe(1);
    expect(f.count({ route: `GET ${R}/milestones` })).toBe(1);
    // An issue this sync opened has no dependencies to read.
    expect(f.count({ route: `GET ${DEPENDENCIES}` })).toBe(0);
    expect(f.count({ route: `GET ${R}/issues/{index}` })).toBe(1);
    expect(writes(f.requests).filter((w) => !w.endsWith("/labels"))).toEqual([
      `POST ${R}/issues`,
      `POST ${R}/issues`,
      `POST ${R}/issues`,
      `POST ${DEPENDENCIES}`,
      `PATCH ${R}/issues/{index}`,
      `POST ${R}/statuses/{sha}`,
    ]);
  });
});

describe("the same document again", () => {
  it("writes nothing but the status and reads no dependencies", async () => {
    const h = await synced();
    expect(only(h.issuesFor("TD-001")).assignees).toEqual(["alice"]);
    h.fake.resetRequests();
    const result = await h.sync();
    expect(writes(h.fake.requests)).toEqual([`POST ${R}/statuses/{sha}`]);
    expect(h.fake.count({ route: `GET ${DEPENDENCIES}` })).toBe(0);
    expect(h.fake.count({ route: `GET ${R}/issues/{index}` })).toBe(0);
    expect(result.status.description).toBe("0 created, 0 updated, 0 closed, 3 unchanged");
  });
});

describe("a person changes the issue's fields", () => {
  it("a changed assignee, due date and milestone are left alone, this sync and the next", async () => {
    const h = await synced();
    const one = only(h.issuesFor("TD-001"));
    expect(one.assignees).toEqual(["alice"]); // the bot set it
    one.assignees = ["bob"];
    one.dueDate = "2027-06-30T23:59:59Z";
    one.milestone = { id: 0, title: "v3.0" };
    const v3 = h.fake.repo(REPO).milestones?.find((m) => m.title === "v3.0");
    if (v3) one.milestone.id = v3.id;
    h.fake.resetRequests();
    await h.sync();
    expect(writes(h.fake.requests)).toEqual([`POST ${R}/statuses/{sha}`]);
    h.fake.resetRequests();
    await h.sync();
    expect(writes(h.fake.requests)).toEqual([`POST ${R}/statuses/{sha}`]);
    expect(one.assignees).toEqual(["bob"]);
    expect(one.dueDate?.slice(0, 10)).toBe("2027-06-30");
    expect(one.milestone?.title).toBe("v3.0");
  });

  it("a dependency a person removed is not added back", async () => {
    const h = await synced();
    const two = only(h.issuesFor("TD-002"));
    expect(two.blockedBy).toEqual([only(h.issuesFor("TD-001")).number]); // the bot set it
    two.blockedBy = [];
    h.fake.resetRequests();
    await h.sync();
    expect(writes(h.fake.requests)).toEqual([`POST ${R}/statuses/{sha}`]);
    expect(two.blockedBy).toEqual([]);
  });
});

describe("the document changes a field", () => {
  it("a new owner: one PATCH carrying the assignee and the record, still one write", async () => {
    const h = await synced();
    h.commit(
      register(
        finding(1, { ...OWNED, Owner: "@bob" }),
        finding(2, { "Blocked by": "TD-001" }),
        finding(3),
      ),
    );
    h.fake.resetRequests();
    await h.sync();
    const one = only(h.issuesFor("TD-001"));
    expect(writes(h.fake.requests)).toEqual([
      `PATCH ${R}/issues/{index}`,
      `POST ${R}/statuses/{sha}`,
    ]);
    expect(one.assignees).toEqual(["bob"]);
    expect(readState(one.body)?.fieldsSet?.assignees).toEqual(["bob"]);
  });

  it("a dependency dropped from the document: its dependencies listed, 1 DELETE, the record written", async () => {
    const h = await synced();
    h.commit(register(finding(1, OWNED), finding(2), finding(3)));
    h.fake.resetRequests();
    await h.sync();
    const two = only(h.issuesFor("TD-002"));
    expect(two.blockedBy ?? []).toEqual([]);
    expect(h.fake.count({ route: `GET ${DEPENDENCIES}` })).toBe(1);
    expect(writes(h.fake.requests)).toEqual([
      `PATCH ${R}/issues/{index}`,
      `DELETE ${DEPENDENCIES}`,
      `PATCH ${R}/issues/{index}`,
      `POST ${R}/statuses/{sha}`,
    ]);
    expect(readState(two.body)?.fieldsSet?.dependencies).toEqual([]);
    h.fake.resetRequests();
    await h.sync();
    expect(writes(h.fake.requests)).toEqual([`POST ${R}/statuses/{sha}`]);
  });
});

describe("a removed finding whose issue has dependencies the bot set", () => {
  it("deletes them, then comments and closes (no 412)", async () => {
    const h = await synced();
    const two = only(h.issuesFor("TD-002"));
    h.commit(register(finding(1, OWNED), finding(3)));
    h.fake.resetRequests();
    const result = await h.sync();
    expect(result.failures).toEqual([]);
    expect(two.state).toBe("closed");
    expect(two.blockedBy ?? []).toEqual([]);
    expect(h.fake.count({ status: 412 })).toBe(0);
    expect(writes(h.fake.requests)).toEqual([
      `POST ${R}/issues/{index}/comments`,
      `DELETE ${DEPENDENCIES}`,
      `PATCH ${R}/issues/{index}`,
      `POST ${R}/statuses/{sha}`,
    ]);
    expect(readState(two.body)?.closed?.reason).toBe("removed");
    expect(readState(two.body)?.fieldsSet?.dependencies).toEqual([]);
  });
});

describe("an owner Gitea does not list as assignable", () => {
  it("is a warning with its line in the result and the status; the issue is opened without them", async () => {
    const h = setUp();
    const text = register(finding(1, { Owner: "@carol" }));
    h.commit(text);
    const result = await h.sync();
    const line = text.split("\n").findIndex((l) => l.includes("@carol")) + 1;
    const warning = result.diagnostics.find((d) => d.code === "not-assignable");
    expect(warning).toMatchObject({ severity: "warning", line, findingId: "TD-001" });
    expect(result.status.state).toBe("success");
    expect(result.status.description).toContain(`${DOC}:${line}: carol cannot be assigned`);
    const one = only(h.issuesFor("TD-001"));
    expect(one.assignees ?? []).toEqual([]);
    expect(h.fake.count({ route: `GET ${R}/milestones` })).toBe(0);
    // The CLI's output (`deferbot sync`) and its --json carry it too.
    const report = syncReport(REPO, result, false);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ code: "not-assignable" }));
    expect(formatSyncResult(report)).toContain(
      `line ${line} warning not-assignable carol cannot be assigned`,
    );
    h.fake.resetRequests();
    await h.sync();
    expect(writes(h.fake.requests)).toEqual([`POST ${R}/statuses/{sha}`]);
  });
});

describe("the dashboard and the issue-field warnings", () => {
  it("lists an owner Gitea refuses among the findings with diagnostics, with its line", async () => {
    const h = harness(gitea.fake, { dashboard: true });
    const text = register(finding(1, { Owner: "@carol" }));
    h.commit(text);
    await h.sync();
    const line = text.split("\n").findIndex((l) => l.includes("@carol")) + 1;
    const dashboard = h.fake.repo(REPO).issues.find((issue) => isDashboard(issue));
    expect(dashboard?.body).toContain(`| ${line} | TD-001 | warning: carol cannot be assigned`);
    // A dashboard refresh (after ticks, SPEC §8) lists the same warnings: nothing to rewrite.
    h.fake.resetRequests();
    const refreshed = await h.sync({ dashboardOnly: true });
    expect(refreshed.dashboard?.error).toBeUndefined();
    expect(writes(h.fake.requests)).toEqual([]);
    expect(h.fake.repo(REPO).issues.find((issue) => isDashboard(issue))?.body).toBe(
      dashboard?.body,
    );
  });
});

describe("a register that already wrote Owner: among its extra fields", () => {
  it("sees one update per affected issue (the field moves out of Other fields), then a no-op", async () => {
    const h = await synced();
    // The issue as the bot wrote it before the issue fields: Owner under "Other fields", no
    // assignee, no `fieldsSet` in the state line.
    const one = only(h.issuesFor("TD-001"));
    const state = readState(one.body);
    if (!state) throw new Error("no state");
    const { fieldsSet: _, ...older } = state;
    one.body = updateState(one.body, () => older).replace(
      "\n\n<!-- deferbot:state",
      "\n\n### Other fields\n\n**Owner:** @\u200Dalice\n\n**Due:** 2027-03-31\n\n**Milestone:** v2.0\n\n<!-- deferbot:state",
    );
    one.assignees = [];
    one.dueDate = null;
    one.milestone = null;
    h.fake.resetRequests();
    await h.sync();
    expect(writes(h.fake.requests)).toEqual([
      `PATCH ${R}/issues/{index}`,
      `POST ${R}/statuses/{sha}`,
    ]);
    const written = only(h.issuesFor("TD-001"));
    expect(written.body).not.toContain("Other fields");
    expect(written.assignees).toEqual(["alice"]);
    expect(written.milestone?.title).toBe("v2.0");
    h.fake.resetRequests();
    await h.sync();
    expect(writes(h.fake.requests)).toEqual([`POST ${R}/statuses/{sha}`]);
  });
});

describe("a register without the issue-field labels", () => {
  it("reads no assignees, milestones or dependencies and records no fieldsSet; a finding that gains an Owner: that issue alone is written", async () => {
    const h = setUp();
    h.commit(register(finding(1), finding(2)));
    await h.sync();
    h.commit(register(finding(2)));
    await h.sync();
    for (const route of [`GET ${R}/assignees`, `GET ${R}/milestones`, `GET ${DEPENDENCIES}`])
      expect(h.fake.count({ route })).toBe(0);
    expect(h.fake.count({ route: `DELETE ${DEPENDENCIES}` })).toBe(0);
    for (const issue of h.issues()) expect(readState(issue.body)?.fieldsSet).toBeUndefined();

    h.commit(register(finding(2, { Owner: "@bob" })));
    h.fake.resetRequests();
    await h.sync();
    expect(writes(h.fake.requests)).toEqual([
      `PATCH ${R}/issues/{index}`,
      `POST ${R}/statuses/{sha}`,
    ]);
    expect(only(h.issuesFor("TD-002")).assignees).toEqual(["bob"]);
  });
});

describe("an issue whose create failed", () => {
  it("has no dependency step; the next sync opens it and links it", async () => {
    const h = setUp({ concurrency: 1 });
    h.commit(register(finding(2, { "Blocked by": "TD-001" }), finding(1, OWNED)));
    h.fake.failNext({ route: `POST ${R}/issues` }, 422);
    const first = await h.sync();
    expect(first.failures).toEqual([expect.stringMatching(/^create TD-002: /)]);
    expect(first.dependencies).toEqual([]);
    expect(h.issuesFor("TD-002")).toEqual([]);
    await h.sync();
    const one = only(h.issuesFor("TD-001"));
    expect(only(h.issuesFor("TD-002")).blockedBy).toEqual([one.number]);
  });
});

describe("a write whose answer was lost (SPEC §3.4) is not resent blind", () => {
  it("an update's PATCH with a new owner, applied and its answer lost: re-read, found in step, not sent again", async () => {
    const h = await synced();
    h.commit(
      register(
        finding(1, { ...OWNED, Owner: "@bob" }),
        finding(2, { "Blocked by": "TD-001" }),
        finding(3),
      ),
    );
    h.fake.resetRequests();
    h.fake.faultNext({ route: `PATCH ${R}/issues/{index}` }, { timing: "after", answer: 502 });
    const result = await h.sync();
    expect(result.failures).toEqual([]);
    expect(h.fake.count({ route: `PATCH ${R}/issues/{index}` })).toBe(1);
    expect(h.fake.count({ route: `GET ${R}/issues/{index}` })).toBe(2);
    expect(only(h.issuesFor("TD-001")).assignees).toEqual(["bob"]);
  });

  it("a dependency's DELETE before a close, applied and its answer lost: read, found gone, then the close", async () => {
    const h = await synced();
    const two = only(h.issuesFor("TD-002"));
    h.commit(register(finding(1, OWNED), finding(3)));
    h.fake.resetRequests();
    h.fake.faultNext({ route: `DELETE ${DEPENDENCIES}` }, { timing: "after", answer: 502 });
    const result = await h.sync();
    expect(result.failures).toEqual([]);
    expect(h.fake.count({ route: `DELETE ${DEPENDENCIES}` })).toBe(1);
    expect(h.fake.count({ route: `GET ${DEPENDENCIES}` })).toBe(1);
    expect(two.state).toBe("closed");
    expect(h.fake.count({ status: 412 })).toBe(0);
  });

  it("a dependency's POST, applied and its answer lost: read, found there, not sent again", async () => {
    const h = setUp();
    h.fake.faultNext({ route: `POST ${DEPENDENCIES}` }, { timing: "after", answer: 502 });
    h.commit(FIELDS);
    const result = await h.sync();
    expect(result.failures).toEqual([]);
    expect(h.fake.count({ route: `POST ${DEPENDENCIES}` })).toBe(1);
    expect(formatSyncResult(syncReport(REPO, result, false))).toMatch(
      / {2}link {3}TD-002 +#\d+ +done/,
    );
    const one = only(h.issuesFor("TD-001"));
    const two = only(h.issuesFor("TD-002"));
    expect(two.blockedBy).toEqual([one.number]);
    expect(readState(two.body)?.fieldsSet?.dependencies).toEqual([one.number]);
  });
});
