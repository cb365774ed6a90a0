/** The example register's findings and tracking issues, as a repository would have them after a few weeks. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CONFIG } from "../../../src/core/config/repo-config.js";
import { dashboardContent } from "../../../src/core/dashboard/dashboard-content.js";
import type { DashboardIssue } from "../../../src/core/dashboard/identify-dashboard.js";
import type { DashboardRenderContext } from "../../../src/core/dashboard/types.js";
import { parseRegister } from "../../../src/core/document/parse-register.js";
import type { ParseResult } from "../../../src/core/document/types.js";
import { renderNewIssue } from "../../../src/core/issue/render-issue.js";
import { setCloseRecord } from "../../../src/core/issue/state-line.js";
import type { TrackedIssue } from "../../../src/core/plan/types.js";
import { PROJECT_ROOT } from "../../support/shared.js";

export const REPO = "https://git.example.com/acme/platform";
export const SHA = "3f2c9d0e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e";

export const CTX: Omit<DashboardRenderContext, "maxRows"> = {
  repoHtmlUrl: REPO,
  documentPath: DEFAULT_CONFIG.document,
  defaultBranch: "main",
  riskLevels: DEFAULT_CONFIG.riskLevels,
  mentions: false,
};

export function exampleRegister(): ParseResult {
  return parseRegister(readFileSync(join(PROJECT_ROOT, "examples/deferred-errors.md")));
}

/** Ticks the first `n` steps of a body. */
export function tick(body: string, n: number): string {
  let left = n;
  return body.replace(/^- \[ \]/gm, (box) => (left-- > 0 ? "- [x]" : box));
}

/** The tracking issues of the example: #1..#4 for its findings (some ticked), #5 closed when its finding left the document. */
export function exampleTracked(parsed: ParseResult = exampleRegister()): TrackedIssue[] {
  const ctx = {
    repoHtmlUrl: REPO,
    documentPath: DEFAULT_CONFIG.document,
    commitSha: SHA,
    config: DEFAULT_CONFIG,
  };
  const ticks = [2, 3, 0, 1];
  const created = [
    "2026-10-02T09:14:00Z",
    "2026-10-02T09:14:01Z",
    "2026-10-02T09:14:02Z",
    "2026-11-20T16:40:00+01:00",
  ];
  const tracked = parsed.findings.map((finding, index): TrackedIssue => {
    const issue = renderNewIssue(finding, ctx);
    return {
      number: index + 1,
      title: issue.title,
      body: tick(issue.body, ticks[index] ?? 0),
      state: "open",
      labels: issue.labels,
      createdAt: created[index] ?? "2026-10-02T09:14:00Z",
    };
  });
  const removed = parseRegister("## OPS-CI-002: Cache the dependency install\n\n- **Risk:** Low\n")
    .findings[0];
  if (removed) {
    const issue = renderNewIssue(removed, ctx);
    tracked.push({
      number: 5,
      title: issue.title,
      body: setCloseRecord(issue.body, { reason: "removed", sha: SHA }, removed.id),
      state: "closed",
      labels: issue.labels,
      createdAt: "2026-09-01T08:00:00Z",
    });
  }
  return tracked;
}

/** Last-change dates as the state line would record them (by issue number). */
export const LAST_CHANGE: Record<number, string> = {
  1: "2026-11-18",
  2: "2026-10-02",
  3: "2026-11-25",
};

export function exampleContent(parsed = exampleRegister(), tracked = exampleTracked(parsed)) {
  return dashboardContent({
    findings: parsed.findings,
    diagnostics: parsed.diagnostics,
    tracked,
    idPattern: DEFAULT_CONFIG.idPattern,
    lastChange: (issue) => LAST_CHANGE[issue.number] ?? null,
  });
}

export function dashboardIssue(
  overrides: Partial<DashboardIssue> & Pick<DashboardIssue, "body">,
): DashboardIssue {
  return {
    number: 9,
    title: "Deferred findings dashboard",
    state: "open",
    pinOrder: 1,
    createdAt: "2026-10-02T09:15:00Z",
    work: 0,
    ...overrides,
  };
}
