/**
 * The dashboard's managed block (SPEC §8): counts, a table per risk level in the configured
 * order, then the register's diagnostics; at most `maxRows` rows, then counts only. It depends
 * only on its inputs (no clock: dates, never ages), so an unchanged register renders the same
 * bytes and the planner can tell that nothing needs writing.
 */
import { codeSpan, neutraliseHtml, tableCell, type UntrustedOptions } from "../issue/untrusted.js";
import { type DashboardState, renderDashboardState } from "./dashboard-state.js";
import { DASHBOARD_END_MARKER, dashboardMarker } from "./markers.js";
import { progressText } from "./progress-bar.js";
import type { DashboardContent, DashboardRenderContext, DashboardRow } from "./types.js";

export interface DashboardCounts {
  open: number;
  closedOnTracker: number;
  ignored: number;
  resolved: number;
  /** Findings without an issue yet (`maxCreates`). */
  pending: number;
}

export function dashboardCounts(content: DashboardContent): DashboardCounts {
  const counts = {
    open: 0,
    closedOnTracker: 0,
    ignored: 0,
    resolved: content.resolved,
    pending: 0,
  };
  for (const row of content.rows) {
    if (!row.issue) counts.pending++;
    else if (row.issue.status === "open") counts.open++;
    else if (row.issue.status === "ignored") counts.ignored++;
    else counts.closedOnTracker++;
  }
  return counts;
}

export interface DashboardBlockOptions {
  /** The dashboard could not be pinned: Gitea's pin limit is reached. */
  pinLimitReached: boolean;
  state: DashboardState;
}

export function renderDashboardBlock(
  content: DashboardContent,
  ctx: DashboardRenderContext,
  options: DashboardBlockOptions,
): string {
  const untrusted: UntrustedOptions = { mentions: ctx.mentions };
  const sections = [`${dashboardMarker(ctx.documentPath)}\n${note(ctx)}`];
  if (options.pinLimitReached) sections.push(PIN_LIMIT_LINE);
  sections.push(countsTable(dashboardCounts(content)));

  let budget = ctx.maxRows;
  const left: string[] = [];
  for (const [heading, rows] of groupByLevel(content.rows, ctx.riskLevels)) {
    const shown = rows.slice(0, Math.max(0, budget));
    budget -= shown.length;
    if (shown.length > 0) {
      sections.push(
        [
          `### ${heading} (${rows.length})`,
          "",
          "| ID | Title | Progress | First seen | Last change |",
          "| --- | --- | --- | --- | --- |",
          ...shown.map((row) => findingRow(row, ctx, untrusted)),
        ].join("\n"),
      );
    }
    if (rows.length > shown.length)
      left.push(`${rows.length - shown.length} ${heading.toLowerCase()}`);
  }

  const diagnostics = content.diagnostics;
  if (diagnostics.length > 0) {
    const shown = diagnostics.slice(0, Math.max(0, budget));
    if (shown.length > 0) {
      sections.push(
        [
          `### Diagnostics (${diagnostics.length})`,
          "",
          "| Line | Finding | Diagnostic |",
          "| ---: | --- | --- |",
          ...shown.map(
            (d) =>
              `| ${d.line} | ${d.findingId ? tableCell(d.findingId, untrusted) : "—"} | ${d.severity}: ${tableCell(d.message, untrusted)} |`,
          ),
        ].join("\n"),
      );
    }
    if (diagnostics.length > shown.length)
      left.push(`${diagnostics.length - shown.length} diagnostics`);
  }
  if (left.length > 0) {
    sections.push(
      `_Not listed (\`dashboard.maxRows\` is ${ctx.maxRows}): ${left.join(", ")}. The counts above include them._`,
    );
  }
  sections.push(`${renderDashboardState(options.state)}\n${DASHBOARD_END_MARKER}`);
  return sections.join("\n\n");
}

export const PIN_LIMIT_LINE =
  "> **Not pinned:** the repository has reached Gitea's limit of pinned issues. deferbot unpins no one's pin; unpin an issue and the next sync pins this dashboard.";

function note(ctx: DashboardRenderContext): string {
  const base = ctx.repoHtmlUrl.replace(/\/+$/, "");
  const path = ctx.documentPath.split("/").map(encodeURIComponent).join("/");
  const url = `${base}/src/branch/${ctx.defaultBranch.split("/").map(encodeURIComponent).join("/")}/${path}`;
  return `Overview of [${codeSpan(neutraliseHtml(ctx.documentPath))}](${url}) kept by deferbot. This block follows the register and its issues; write notes above or below it.`;
}

function countsTable(counts: DashboardCounts): string {
  const header = ["Open", "Closed on the tracker, still in the document", "Ignored", "Resolved"];
  const values = [counts.open, counts.closedOnTracker, counts.ignored, counts.resolved];
  if (counts.pending > 0) {
    header.push("Not opened yet (`maxCreates`)");
    values.push(counts.pending);
  }
  return [
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---:").join(" | ")} |`,
    `| ${values.join(" | ")} |`,
  ].join("\n");
}

/** Rows per level in the configured order, then those without a known level. */
function groupByLevel(
  rows: readonly DashboardRow[],
  levels: readonly string[],
): [string, DashboardRow[]][] {
  const known = new Set(levels);
  const groups: [string, DashboardRow[]][] = levels.map((level) => [
    level.charAt(0).toUpperCase() + level.slice(1),
    rows.filter((row) => row.riskLevel === level),
  ]);
  groups.push([
    "No risk level",
    rows.filter((row) => row.riskLevel === null || !known.has(row.riskLevel)),
  ]);
  return groups.filter(([, group]) => group.length > 0);
}

function findingRow(
  row: DashboardRow,
  ctx: DashboardRenderContext,
  untrusted: UntrustedOptions,
): string {
  const id = tableCell(row.id, untrusted).replace(/[[\]]/g, "\\$&");
  const title = tableCell(row.title, untrusted) || "—";
  const issue = row.issue;
  if (!issue) return `| ${id} (not opened yet) | ${title} | — | — | — |`;
  const url = `${ctx.repoHtmlUrl.replace(/\/+$/, "")}/issues/${issue.number}`;
  const status = issue.status === "open" ? "" : ` (${issue.status})`;
  return `| [${id}](${url})${status} | ${title} | ${progressText(issue.ticked, issue.total)} | ${issue.firstSeen} | ${issue.lastChange ?? "—"} |`;
}
