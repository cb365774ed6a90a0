/** What `deferbot sync` prints: the plan (and, unless a dry run, what each write did). */
import {
  type ConfigDiagnostic,
  configDiagnostics,
  formatConfigDiagnostic,
} from "../core/config/format-config-errors.js";
import type { SyncDiagnostic } from "../core/issue-fields/types.js";
import type { PlanSummary } from "../core/plan/types.js";
import type { SyncResult } from "../sync/sync-repository.js";

export interface SyncReportAction {
  /** A plan action's kind, or `link` for the dependency step (SPEC §8). */
  kind: string;
  findingId: string;
  /** Issue number, where one exists or was created. */
  number: number | null;
  /** `planned` on a dry run; otherwise `done`, `unchanged` (nothing to write on re-read) or `failed`. */
  outcome: "planned" | "done" | "unchanged" | "failed";
  error?: string;
}

export interface SyncReport {
  version: 1;
  repo: string;
  sha: string;
  dryRun: boolean;
  status: { state: string; description: string };
  summary: PlanSummary;
  actions: SyncReportAction[];
  /** The document's diagnostics and the issue-field warnings (SPEC §8), by line. */
  diagnostics: SyncDiagnostic[];
  /** The configuration file's errors (its defaults were used), each with key, line and column. */
  configDiagnostics: ConfigDiagnostic[];
  /** The file they are in, or null for no file. */
  configPath: string | null;
  /** Every failed write in full, and the commit status post's own failure last. */
  failures: string[];
  /** Whether the commit status was posted (false on a dry run, or when posting it failed). */
  statusPosted: boolean;
  /** The dashboard step (SPEC §8); null on a dry run or when there is no dashboard. */
  dashboard: {
    number: number | null;
    wrote: boolean;
    notice: string | null;
    error?: string;
  } | null;
}

export function syncReport(repo: string, result: SyncResult, dryRun: boolean): SyncReport {
  const actions: SyncReportAction[] = dryRun
    ? result.plan.actions.map((action) => ({
        kind: action.kind,
        findingId: action.findingId,
        number: "number" in action ? action.number : null,
        outcome: "planned",
      }))
    : result.outcomes.map((o) => ({
        kind: o.action.kind,
        findingId: o.action.findingId,
        number: o.number ?? null,
        outcome: o.error !== undefined ? "failed" : o.wrote ? "done" : "unchanged",
        ...(o.error !== undefined ? { error: o.error } : {}),
      }));
  // The dependency step (SPEC §8) after the plan's writes: `link`, one line per issue.
  const links: SyncReportAction[] = dryRun
    ? result.plan.dependencies.map((work) => ({
        kind: "link",
        findingId: work.findingId,
        number: work.number,
        outcome: "planned",
      }))
    : result.dependencies.map((o) => ({
        kind: "link",
        findingId: o.findingId,
        number: o.number,
        outcome: o.error !== undefined ? "failed" : o.wrote ? "done" : "unchanged",
        ...(o.error !== undefined ? { error: o.error } : {}),
      }));
  actions.push(...links);
  return {
    version: 1,
    repo,
    sha: result.sha,
    dryRun,
    status: result.status,
    summary: result.plan.summary,
    actions,
    diagnostics: result.diagnostics,
    configDiagnostics: configDiagnostics(result.config.errors),
    configPath: result.config.path,
    failures: result.failures,
    statusPosted: !dryRun && result.statusFailure === undefined,
    dashboard: result.dashboard,
  };
}

export function formatSyncResult(report: SyncReport): string {
  const lines = [
    `${report.repo} at ${report.sha.slice(0, 12)}${report.dryRun ? " (dry run: nothing written)" : ""}`,
    "",
  ];
  for (const action of report.actions) {
    const issue = action.number === null ? "new issue" : `#${action.number}`;
    const error = action.error ? `: ${action.error}` : "";
    lines.push(
      `  ${action.kind.padEnd(6)} ${action.findingId.padEnd(16)} ${issue.padEnd(9)} ${action.outcome}${error}`,
    );
  }
  if (report.actions.length === 0) lines.push("  nothing to write");
  const dashboard = report.dashboard;
  if (dashboard && (dashboard.number !== null || dashboard.error !== undefined)) {
    const issue = dashboard.number === null ? "new issue" : `#${dashboard.number}`;
    const outcome = dashboard.error
      ? `failed: ${dashboard.error}`
      : dashboard.wrote
        ? "done"
        : "unchanged";
    lines.push(`  dashboard ${issue} ${outcome}`);
  }
  if (dashboard?.notice) lines.push(`  note: ${dashboard.notice}`);
  for (const d of report.diagnostics)
    lines.push(
      `  line ${d.line}${d.column ? `:${d.column}` : ""} ${d.severity} ${d.code} ${d.message}`,
    );
  for (const d of report.configDiagnostics)
    lines.push(`  ${formatConfigDiagnostic(report.configPath ?? "config", d)}`);
  if (report.failures.length > 0) {
    lines.push("", "failed:");
    for (const failure of report.failures) lines.push(`  ${failure}`);
  }
  if (!report.dryRun && !report.statusPosted)
    lines.push("", "could not post the commit status; the next sync posts it");
  lines.push("", `${report.status.state}: ${report.status.description}`, "");
  return lines.join("\n");
}
