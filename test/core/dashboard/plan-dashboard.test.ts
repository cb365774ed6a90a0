import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type RepoConfig } from "../../../src/core/config/repo-config.js";
import { withDashboardBlock } from "../../../src/core/dashboard/dashboard-body.js";
import { identifyDashboard } from "../../../src/core/dashboard/identify-dashboard.js";
import {
  type DashboardAction,
  needsPinCheck,
  PIN_LIMIT_NOTICE,
  planDashboard,
} from "../../../src/core/dashboard/plan-dashboard.js";
import type { DashboardContent } from "../../../src/core/dashboard/types.js";
import { setCloseRecord } from "../../../src/core/issue/state-line.js";
import { groupIssuesByFinding } from "../../../src/core/plan/identify-issues.js";
import {
  CTX,
  dashboardIssue,
  exampleContent,
  exampleRegister,
  exampleTracked,
  tick,
} from "./example.js";

const ENABLED: RepoConfig = DEFAULT_CONFIG;
const DISABLED: RepoConfig = { ...DEFAULT_CONFIG, dashboard: false };

function plan(
  issues: ReturnType<typeof dashboardIssue>[],
  content: DashboardContent,
  options: { config?: RepoConfig; pinAllowed?: boolean } = {},
) {
  const config = options.config ?? ENABLED;
  return planDashboard({
    config,
    identified: identifyDashboard(issues, config.document),
    content,
    ctx: CTX,
    pinAllowed: options.pinAllowed ?? true,
  });
}

/** The dashboard as the first sync leaves it: created from the plan's body, pinned. */
function firstSync(content = exampleContent()) {
  const { actions } = plan([], content);
  const create = actions[0] as Extract<DashboardAction, { kind: "create" }>;
  return dashboardIssue({ body: `Notes by the team above.\n\n${create.body}\n\nAnd below.` });
}

describe("planDashboard", () => {
  it("first sync: creates the dashboard with both labels and pins it", () => {
    const result = plan([], exampleContent());
    expect(result.actions).toHaveLength(1);
    expect(result.actions[0]).toMatchObject({
      kind: "create",
      title: "Deferred findings dashboard",
      labels: ["deferred-error", "deferbot/dashboard"],
      pin: true,
    });
    expect(result.notice).toBeNull();
  });

  it("a no-op sync writes nothing", () => {
    const issue = firstSync();
    expect(plan([issue], exampleContent()).actions).toEqual([]);
    expect(needsPinCheck(ENABLED, identifyDashboard([issue], ENABLED.document))).toBe(false);
  });

  it("a tick updates the dashboard, and the update keeps people's text around the block", () => {
    const issue = firstSync();
    const parsed = exampleRegister();
    const tracked = exampleTracked(parsed);
    const db = tracked.find((t) => t.number === 3);
    if (db) db.body = tick(db.body, 1);
    const { actions } = plan([issue], exampleContent(parsed, tracked));
    expect(actions).toHaveLength(1);
    const update = actions[0] as Extract<DashboardAction, { kind: "update" }>;
    expect(update.kind).toBe("update");
    expect(update.block).toContain("1/3 ▰▰▱▱▱▱▱▱");
    const body = withDashboardBlock(issue.body, update.block);
    expect(body.startsWith("Notes by the team above.\n\n")).toBe(true);
    expect(body.endsWith("\n\nAnd below.")).toBe(true);
  });

  it("a removal updates the row away and counts the finding as resolved", () => {
    const issue = firstSync();
    const parsed = exampleRegister();
    const tracked = exampleTracked(parsed);
    const removed = tracked.find((t) => t.number === 4);
    if (removed) {
      removed.state = "closed";
      removed.body = setCloseRecord(removed.body, { reason: "removed", sha: "abc" }, "WEB-DEP-009");
    }
    const findings = parsed.findings.filter((f) => f.id !== "WEB-DEP-009");
    const { actions } = plan([issue], exampleContent({ ...parsed, findings }, tracked));
    const update = actions[0] as Extract<DashboardAction, { kind: "update" }>;
    expect(update.kind).toBe("update");
    expect(update.block).not.toContain("WEB-DEP-009");
    expect(update.block).toContain("| 3 | 0 | 0 | 2 |");
  });

  it("dashboard: false set later: unpins and closes it with a comment, once", () => {
    const issue = firstSync();
    const result = plan([issue], exampleContent(), { config: DISABLED });
    expect(result.actions.map((a) => a.kind)).toEqual(["unpin", "close"]);
    const close = result.actions[1] as Extract<DashboardAction, { kind: "close" }>;
    expect(close.comment).toContain("dashboard: false");
    expect(close.block).toContain("| [API-SEC-014]");
    const closed = dashboardIssue({
      body: withDashboardBlock(issue.body, close.block),
      state: "closed",
      pinOrder: 0,
    });
    expect(plan([closed], exampleContent(), { config: DISABLED }).actions).toEqual([]);
    // Turned on again: the bot reopens the dashboard it closed, and pins it.
    expect(plan([closed], exampleContent()).actions.map((a) => a.kind)).toEqual(["reopen", "pin"]);
  });

  it("dashboard: false with no dashboard does nothing and needs no pin check", () => {
    expect(plan([], exampleContent(), { config: DISABLED }).actions).toEqual([]);
    expect(needsPinCheck(DISABLED, identifyDashboard([], DISABLED.document))).toBe(false);
  });

  it("at the pin limit: creates without pinning, says so in the block and the summary", () => {
    const result = plan([], exampleContent(), { pinAllowed: false });
    const create = result.actions[0] as Extract<DashboardAction, { kind: "create" }>;
    expect(create.pin).toBe(false);
    expect(create.body).toContain("> **Not pinned:**");
    expect(result.notice).toBe(PIN_LIMIT_NOTICE);
    expect(result.actions.some((a) => a.kind === "unpin")).toBe(false);
    // Still at the limit next sync: the block already says so, nothing is written.
    const issue = dashboardIssue({ body: create.body, pinOrder: 0 });
    expect(needsPinCheck(ENABLED, identifyDashboard([issue], ENABLED.document))).toBe(true);
    expect(plan([issue], exampleContent(), { pinAllowed: false }).actions).toEqual([]);
    // A person unpinned something: pinned, and the line goes.
    const freed = plan([issue], exampleContent(), { pinAllowed: true });
    expect(freed.actions.map((a) => a.kind)).toEqual(["update", "pin"]);
    expect((freed.actions[0] as Extract<DashboardAction, { kind: "update" }>).block).not.toContain(
      "Not pinned",
    );
  });

  it("a dashboard a person closed is left closed, and no second one is opened", () => {
    const issue = { ...firstSync(), state: "closed" as const, pinOrder: 0 };
    const result = plan([issue], exampleContent());
    expect(result.actions).toEqual([]);
    expect(result.notice).toContain("closed on the tracker");
  });

  it("twins: keeps the one with most work by people, on a tie the oldest, and closes the other", () => {
    const body = firstSync().body;
    const older = dashboardIssue({ number: 9, body, createdAt: "2026-10-01T00:00:00Z", work: 0 });
    const newer = dashboardIssue({
      number: 12,
      body,
      createdAt: "2026-10-05T00:00:00Z",
      work: 0,
      pinOrder: 0,
    });
    const tie = plan([newer, older], exampleContent());
    expect(tie.actions.map((a) => [a.kind, "number" in a ? a.number : null])).toEqual([
      ["close", 12],
    ]);
    expect((tie.actions[0] as Extract<DashboardAction, { kind: "close" }>).comment).toContain("#9");
    const worked = plan([older, { ...newer, work: 2 }], exampleContent());
    expect(worked.actions.map((a) => [a.kind, "number" in a ? a.number : null])).toEqual([
      ["unpin", 9],
      ["close", 9],
      ["pin", 12],
    ]);
  });

  it("a dashboard of another register is not this register's", () => {
    const other = dashboardIssue({
      body: firstSync().body.replace("docs%2Fdeferred-errors.md", "docs%2Fother.md"),
    });
    expect(plan([other], exampleContent()).actions[0]?.kind).toBe("create");
  });
});

describe("the dashboard among the tracked issues", () => {
  it("tracks no finding, though its table names them all", () => {
    const issue = firstSync();
    const groups = groupIssuesByFinding(
      [{ ...issue, labels: ["deferred-error", "deferbot/dashboard"] }],
      DEFAULT_CONFIG.idPattern,
    );
    expect(groups.size).toBe(0);
  });
});
