/** SPEC §8 "Dashboard" and its §3.4 cost, against the Gitea fake over loopback HTTP. */

import pino from "pino";
import { describe, expect, it } from "vitest";
import { DASHBOARD_LABEL, dashboardMarker } from "../../src/core/dashboard/markers.js";
import { PIN_LIMIT_LINE } from "../../src/core/dashboard/render-dashboard.js";
import { handleIssueEdited } from "../../src/service/handlers/issues-edited.js";
import { editBody } from "../commands/helpers.js";
import type { FakeIssue, RequestRecord } from "../support/gitea-fake/index.js";
import { useGiteaFake } from "../support/gitea-fake/vitest.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { BOT, DOC, harness, REPO } from "../support/sync-harness.js";

const gitea = useGiteaFake();
const R = "/repos/{owner}/{repo}";
const MARKER = dashboardMarker(DOC);
const three = [findingSpec(1), findingSpec(2), findingSpec(3)];

function writes(requests: RequestRecord[]): string[] {
  return requests.filter((r) => r.method !== "GET").map((r) => r.route ?? `${r.method} ${r.path}`);
}

function reads(requests: RequestRecord[]): string[] {
  return requests.filter((r) => r.method === "GET").map((r) => r.route ?? r.path);
}

function dashboards(): FakeIssue[] {
  return gitea.fake.repo(REPO).issues.filter((issue) => issue.body.includes(MARKER));
}

function onlyDashboard(): FakeIssue {
  const [dashboard, ...more] = dashboards();
  if (!dashboard || more.length > 0)
    throw new Error(`expected one dashboard, got ${dashboards().length}`);
  return dashboard;
}

async function synced() {
  const h = harness(gitea.fake, { dashboard: true });
  h.commit(renderRegister(three));
  await h.sync();
  return h;
}

describe("the dashboard", () => {
  it("first sync: opened with the bot and dashboard labels, pinned, one row per finding", async () => {
    const h = await synced();
    const dashboard = onlyDashboard();
    expect(dashboard.author).toBe(BOT);
    expect(dashboard.title).toBe("Deferred findings dashboard");
    expect(h.labelsOf(dashboard)).toEqual(["deferred-error", DASHBOARD_LABEL]);
    expect(dashboard.pinOrder).toBe(1);
    for (const issue of h.issues()) expect(dashboard.body).toContain(`/issues/${issue.number})`);
    expect(dashboard.body).toContain("0/3 ▱▱▱▱▱▱▱▱");
    // First seen: the issue's created_at (the fake's clock); last change: the day the bot wrote it.
    const today = new Date().toISOString().slice(0, 10);
    expect(dashboard.body).toMatch(new RegExp(`\\| 2026-01-01 \\| ${today} \\|`));
    // The tracking issues are the three findings' only: the dashboard is not tracked as one.
    expect(h.issues()).toHaveLength(3);
  });

  it("§3.4 first sync with the dashboard on: + new_pin_allowed, + 1 create, + its label, + 1 pin", async () => {
    const h = await synced();
    const f = h.fake;
    expect(f.count({ route: `GET ${R}/new_pin_allowed` })).toBe(1);
    expect(f.count({ route: `GET ${R}/issues` })).toBe(1);
    expect(f.count({ route: `GET ${R}/issues/{index}` })).toBe(0);
    // deferred-error, risk/low, risk/high, category/security, category/architectural, deferbot/dashboard.
    expect(f.count({ route: `POST ${R}/labels` })).toBe(6);
    expect(writes(f.requests).filter((w) => !w.endsWith("/labels"))).toEqual([
      `POST ${R}/issues`,
      `POST ${R}/issues`,
      `POST ${R}/issues`,
      `POST ${R}/issues`,
      `POST ${R}/issues/{index}/pin`,
      `POST ${R}/statuses/{sha}`,
    ]);
  });

  it("a no-op sync: no extra read and no write but the status", async () => {
    const h = await synced();
    h.commit(renderRegister([findingSpec(3), findingSpec(1), findingSpec(2)]));
    h.fake.resetRequests();
    const result = await h.sync();
    expect(writes(h.fake.requests)).toEqual([`POST ${R}/statuses/{sha}`]);
    expect(reads(h.fake.requests)).not.toContain(`GET ${R}/new_pin_allowed`);
    expect(reads(h.fake.requests).filter((r) => r === `GET ${R}/issues/{index}`)).toEqual([]);
    expect(result.dashboard).toMatchObject({ wrote: false, notice: null });
  });

  it("a tick shows in the dashboard at the next refresh: 1 re-read and 1 PATCH of it", async () => {
    const h = await synced();
    const issue = h.issuesFor("TD-002")[0];
    if (!issue) throw new Error("no issue");
    issue.body = issue.body.replace("- [ ] ", "- [x] ");
    h.fake.resetRequests();
    await h.sync();
    expect(writes(h.fake.requests)).toEqual([
      `PATCH ${R}/issues/{index}`,
      `POST ${R}/statuses/{sha}`,
    ]);
    expect(h.fake.requests.find((r) => r.method === "PATCH")?.path).toBe(
      `/repos/${REPO}/issues/${onlyDashboard().number}`,
    );
    expect(onlyDashboard().body).toContain("1/3 ▰▰▱▱▱▱▱▱");
  });

  it("a tick through the `issues` webhook: a dashboard refresh, 1 PATCH of it and no status", async () => {
    const h = await synced();
    const issue = h.issuesFor("TD-002")[0];
    if (!issue) throw new Error("no issue");
    const statuses = h.fake.repo(REPO).statuses.length;
    h.fake.resetRequests();
    const payload = editBody(h.fake, issue.number, issue.body.replace("- [ ] ", "- [x] "));
    await handleIssueEdited(h.bot, payload, pino({ level: "silent" }));
    await h.bot.queue.drain();
    expect(writes(h.fake.requests)).toEqual([`PATCH ${R}/issues/{index}`]);
    expect(onlyDashboard().body).toContain("1/3 ▰▰▱▱▱▱▱▱");
    expect(h.fake.repo(REPO).statuses).toHaveLength(statuses);
    // The bot's own PATCH of the dashboard fires `issues/edited` too: no refresh for that.
    h.fake.resetRequests();
    const own = editBody(h.fake, onlyDashboard().number, `${onlyDashboard().body}\n`, BOT);
    await handleIssueEdited(h.bot, own, pino({ level: "silent" }));
    await h.bot.queue.drain();
    expect(h.fake.requests).toEqual([]);
  });

  it("a removal: the finding's row goes and the resolved count goes up; people's notes stay", async () => {
    const h = await synced();
    const dashboard = onlyDashboard();
    dashboard.body = `Notes of the team.\n\n${dashboard.body}\n\nMore notes.`;
    h.commit(renderRegister([findingSpec(1), findingSpec(3)]));
    await h.sync();
    const body = onlyDashboard().body;
    expect(body).not.toContain("TD-002");
    expect(body).toMatch(/\| 2 \| 0 \| 0 \| 1 \|/);
    expect(body.startsWith("Notes of the team.\n\n")).toBe(true);
    expect(body.endsWith("\n\nMore notes.")).toBe(true);
  });

  it("at the pin limit: says so in the dashboard and the result, and unpins no one", async () => {
    const h = harness(gitea.fake, { dashboard: true });
    const repo = h.fake.repo(REPO);
    repo.maxPinned = 1;
    const person = h.fake.addIssue(REPO, { title: "Roadmap", author: "alice" });
    person.pinOrder = 1;
    h.commit(renderRegister(three));
    const result = await h.sync();
    expect(result.dashboard?.notice).toMatch(/limit of pinned issues/);
    expect(onlyDashboard().body).toContain(PIN_LIMIT_LINE);
    expect(onlyDashboard().pinOrder ?? 0).toBe(0);
    expect(person.pinOrder).toBe(1);
    expect(h.fake.count({ route: `POST ${R}/issues/{index}/pin` })).toBe(0);
    expect(h.fake.count({ route: `DELETE ${R}/issues/{index}/pin` })).toBe(0);

    // The person unpins theirs: the next sync pins the dashboard and drops the line.
    person.pinOrder = 0;
    await h.sync();
    expect(onlyDashboard().pinOrder).toBe(1);
    expect(onlyDashboard().body).not.toContain(PIN_LIMIT_LINE);
  });

  it("`dashboard: false` set later: unpinned, then closed with a comment; nothing more after", async () => {
    const h = await synced();
    const number = onlyDashboard().number;
    h.fake.setFile(REPO, ".gitea/deferbot.yml", "dashboard: false\n");
    h.bot.repo(REPO).configs.invalidate(); // as a push that changes the configuration does
    h.fake.resetRequests();
    await h.sync();
    expect(writes(h.fake.requests)).toEqual([
      `DELETE ${R}/issues/{index}/pin`,
      `POST ${R}/issues/{index}/comments`,
      `PATCH ${R}/issues/{index}`,
      `POST ${R}/statuses/{sha}`,
    ]);
    expect(onlyDashboard()).toMatchObject({ state: "closed", pinOrder: 0 });
    expect(h.commentsOn(number).at(-1)).toMatch(/dashboard: false/);

    h.fake.resetRequests();
    await h.sync();
    expect(writes(h.fake.requests)).toEqual([`POST ${R}/statuses/{sha}`]);
  });

  it("two dashboards are twins: the oldest is kept, the other unpinned and closed", async () => {
    const h = await synced();
    const kept = onlyDashboard();
    const twin = h.fake.addIssue(REPO, { title: kept.title, body: kept.body, author: BOT });
    twin.pinOrder = 2;
    h.fake.resetRequests();
    await h.sync();
    expect(twin).toMatchObject({ state: "closed", pinOrder: 0 });
    expect(kept.state).toBe("open");
    expect(h.commentsOn(twin.number).at(-1)).toContain(`Duplicate of #${kept.number}`);
    expect(h.issues()).toHaveLength(3);
  });
});
