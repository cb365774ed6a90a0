/**
 * The dashboard's block for the example register is test/fixtures/dashboard/example-dashboard.md;
 * docs/example-dashboard.md shows it. After an intended rendering change:
 *   UPDATE_GOLDEN=1 npx vitest run test/core/dashboard/render-dashboard.test.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DASHBOARD_STATE_VERSION } from "../../../src/core/dashboard/dashboard-state.js";
import {
  dashboardCounts,
  renderDashboardBlock,
} from "../../../src/core/dashboard/render-dashboard.js";
import type { DashboardContent } from "../../../src/core/dashboard/types.js";
import { PROJECT_ROOT } from "../../support/shared.js";
import { CTX, exampleContent } from "./example.js";

const GOLDEN = join(PROJECT_ROOT, "test/fixtures/dashboard/example-dashboard.md");
const DOC = join(PROJECT_ROOT, "docs/example-dashboard.md");
const OPEN = { state: { v: DASHBOARD_STATE_VERSION, closed: null }, pinLimitReached: false };

function golden(path: string, text: string): void {
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, text);
  expect(readFileSync(path, "utf8")).toBe(text);
}

function docPage(block: string): string {
  return [
    "# Example: the register dashboard",
    "",
    "The dashboard deferbot keeps for [examples/deferred-errors.md](../examples/deferred-errors.md) in a",
    "repository at `https://git.example.com/acme/platform`, a few weeks in: some steps ticked, one",
    "finding resolved (removed from the register). Below the line is the issue body exactly as deferbot",
    "writes it; Gitea hides the `<!-- … -->` markers and the state line. Dates are dates, never ages, so",
    "an unchanged register renders the same bytes and the dashboard is not rewritten.",
    "",
    "**Title:** Deferred findings dashboard",
    "",
    "**Labels:** `deferred-error`, `deferbot/dashboard` (pinned)",
    "",
    "---",
    "",
    block,
    "",
  ].join("\n");
}

describe("renderDashboardBlock", () => {
  it("renders the example register as the golden file and the docs page", () => {
    const block = renderDashboardBlock(exampleContent(), { ...CTX, maxRows: 1000 }, OPEN);
    golden(GOLDEN, `${block}\n`);
    golden(DOC, docPage(block));
  });

  it("counts open, closed on the tracker, ignored and resolved findings", () => {
    const content = exampleContent();
    expect(dashboardCounts(content)).toEqual({
      open: 4,
      closedOnTracker: 0,
      ignored: 0,
      resolved: 1,
      pending: 0,
    });
  });

  it("lists at most maxRows rows, then counts only", () => {
    const block = renderDashboardBlock(exampleContent(), { ...CTX, maxRows: 2 }, OPEN);
    expect(block.match(/^\| \[[A-Z]/gm)).toHaveLength(2);
    expect(block).toContain("### High (1)");
    expect(block).toContain("### Medium (1)");
    expect(block).not.toContain("### Low");
    expect(block).toContain(
      "_Not listed (`dashboard.maxRows` is 2): 1 low, 1 info. The counts above include them._",
    );
    expect(block).toContain("| 4 | 0 | 0 | 1 |");
  });

  it("neutralises untrusted text from the document", () => {
    const content: DashboardContent = {
      rows: [
        {
          id: "X-1",
          title: "Close early --> <!-- deferbot:dashboard-end --> ping @alice | split",
          riskLevel: "high",
          issue: null,
        },
      ],
      resolved: 0,
      diagnostics: [
        { severity: "warning", line: 3, message: "bad <!-- thing --> @bob", findingId: "X-1" },
      ],
    };
    const block = renderDashboardBlock(content, { ...CTX, maxRows: 10 }, OPEN);
    const inner = block.split("\n").slice(1, -2).join("\n");
    expect(inner).not.toMatch(/<!--|-->/);
    expect(inner).not.toMatch(/@alice|@bob/);
    expect(inner).toContain("\\| split");
    expect(block).toContain("| X-1 (not opened yet) |");
    expect(block).toContain("Not opened yet (`maxCreates`)");
  });

  it("says so in the block when the pin limit is reached", () => {
    const block = renderDashboardBlock(
      exampleContent(),
      { ...CTX, maxRows: 10 },
      { ...OPEN, pinLimitReached: true },
    );
    expect(block).toContain("> **Not pinned:**");
  });

  it("renders risk levels in the configured order, unknown levels last", () => {
    const content: DashboardContent = {
      rows: [
        { id: "A-1", title: "a", riskLevel: "low", issue: null },
        { id: "B-1", title: "b", riskLevel: null, issue: null },
        { id: "C-1", title: "c", riskLevel: "critical", issue: null },
      ],
      resolved: 0,
      diagnostics: [],
    };
    const block = renderDashboardBlock(
      content,
      { ...CTX, riskLevels: ["low", "critical"], maxRows: 10 },
      OPEN,
    );
    const headings = block.match(/^### .*$/gm);
    expect(headings).toEqual(["### Low (1)", "### Critical (1)", "### No risk level (1)"]);
  });
});
