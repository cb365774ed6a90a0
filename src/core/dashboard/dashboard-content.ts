/**
 * What the dashboard shows, gathered from the document's findings and the tracking issues as the
 * listing has them after the sync's writes (created issues included): no extra reads (SPEC §3.4).
 */
import { IGNORED_LABEL } from "../config/repo-config.js";
import type { Diagnostic, Finding } from "../document/types.js";
import { parseIssueBody } from "../issue/parse-issue-body.js";
import { groupIssuesByFinding } from "../plan/identify-issues.js";
import type { TrackedIssue } from "../plan/types.js";
import type { DashboardContent, DashboardDiagnostic, DashboardRow, RowStatus } from "./types.js";

export interface ContentInput {
  findings: readonly Finding[];
  /** The parser's diagnostics and any others to list (issue fields). */
  diagnostics: readonly (Pick<Diagnostic, "severity" | "line" | "message"> & {
    findingId?: string;
  })[];
  /** Bot-authored tracking issues (the dashboard itself left out). */
  tracked: readonly TrackedIssue[];
  idPattern: string;
  /**
   * The date the bot last rewrote an issue's block, `YYYY-MM-DD`, from its state line; null
   * when the state does not record one (states written before the date was kept).
   */
  lastChange?: (issue: TrackedIssue) => string | null;
}

export function dashboardContent(input: ContentInput): DashboardContent {
  const groups = groupIssuesByFinding([...input.tracked], input.idPattern);
  const lastChange = input.lastChange ?? (() => null);
  const seen = new Set<string>();
  const rows: DashboardRow[] = [];
  for (const finding of input.findings) {
    if (seen.has(finding.id)) continue;
    seen.add(finding.id);
    const issue = groups.get(finding.id)?.kept ?? undefined;
    rows.push({
      id: finding.id,
      title: finding.title,
      riskLevel: finding.risk?.level ?? null,
      issue: issue ? issueCells(issue, finding.id, lastChange(issue)) : null,
    });
  }
  let resolved = 0;
  for (const [id, group] of groups) {
    const { kept } = group;
    if (!kept || seen.has(id) || kept.state !== "closed") continue;
    if (parseIssueBody(kept.body, id).state?.closed?.reason === "removed") resolved++;
  }
  const diagnostics: DashboardDiagnostic[] = input.diagnostics.map((d) => ({
    severity: d.severity,
    line: d.line,
    message: d.message,
    ...(d.findingId === undefined ? {} : { findingId: d.findingId }),
  }));
  return { rows, resolved, diagnostics: diagnostics.sort((a, b) => a.line - b.line) };
}

function issueCells(
  issue: TrackedIssue,
  id: string,
  lastChange: string | null,
): DashboardRow["issue"] {
  const parsed = parseIssueBody(issue.body, id);
  return {
    number: issue.number,
    status: status(issue, parsed.state?.closed?.reason),
    ticked: parsed.steps.filter((step) => step.checked).length,
    total: parsed.steps.length,
    firstSeen: utcDate(issue.createdAt),
    lastChange,
  };
}

function status(issue: TrackedIssue, closedBy: string | undefined): RowStatus {
  if (issue.state === "open") return "open";
  return closedBy === "ignored" || issue.labels.includes(IGNORED_LABEL) ? "ignored" : "closed";
}

/** Gitea answers `created_at` with the server's offset; the dashboard shows UTC dates. */
function utcDate(timestamp: string): string {
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? timestamp.slice(0, 10) : new Date(time).toISOString().slice(0, 10);
}
