/** The readable (non-JSON) output of `deferbot plan`: a summary table, each issue, the diagnostics. */
import type { Diagnostic, FileRef } from "../core/document/types.js";
import type { IssueFieldDiagnostic } from "../core/issue-fields/types.js";
import type { PlannedFinding, PlanReport } from "./plan-report.js";

export function formatPlan(report: PlanReport): string {
  const out: string[] = [summaryLine(report), ""];
  if (report.findings.length > 0) {
    out.push(...table(report.findings), "");
    for (const finding of report.findings) out.push(...issueBlock(finding), "");
  }
  if (report.dashboard) {
    const { title, rows, maxRows } = report.dashboard;
    out.push(
      `Dashboard: "${title}", pinned, ${rows} finding${rows === 1 ? "" : "s"} (at most ${maxRows} rows)`,
      "",
    );
  }
  if (report.diagnostics.length > 0) {
    out.push("Diagnostics:");
    for (const diagnostic of report.diagnostics) {
      out.push(`  ${formatDiagnostic(report.file, diagnostic)}`);
    }
    out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

/** `file:line:col severity code message`, the usual compiler shape. */
export function formatDiagnostic(
  file: string,
  diagnostic: Diagnostic | IssueFieldDiagnostic,
): string {
  const { line, column, severity, code, message } = diagnostic;
  return `${file}:${line}:${column ?? 1} ${severity} ${code} ${message}`;
}

function summaryLine(report: PlanReport): string {
  const errors = report.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = report.diagnostics.length - errors;
  return `${report.file}: ${count(report.findings.length, "finding")}, ${count(errors, "error")}, ${count(warnings, "warning")}`;
}

function table(findings: readonly PlannedFinding[]): string[] {
  const rows = findings.map((finding) => [
    finding.id,
    `${finding.line}-${finding.endLine}`,
    finding.risk?.level ?? "-",
    String(finding.issue.steps.length),
    finding.issue.title,
  ]);
  const header = ["ID", "LINES", "RISK", "STEPS", "ISSUE TITLE"];
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const render = (row: string[]) =>
    row
      .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join("  ");
  return [render(header), ...rows.map(render)];
}

function issueBlock(finding: PlannedFinding): string[] {
  const lines = [`${finding.issue.title}  (lines ${finding.line}-${finding.endLine})`];
  lines.push(`  labels: ${finding.issue.labels.join(", ")}`);
  if (finding.refs.length > 0) lines.push(`  refs:   ${finding.refs.join(", ")}`);
  if (finding.files.length > 0) lines.push(`  files:  ${finding.files.map(fileText).join(", ")}`);
  const { assignees, dueDate, blockedBy, milestone } = finding.issue;
  if (assignees.length > 0) lines.push(`  assignees:  ${assignees.join(", ")}`);
  if (dueDate) lines.push(`  due date:   ${dueDate}`);
  if (blockedBy.length > 0) lines.push(`  blocked by: ${blockedBy.join(", ")}`);
  if (milestone) lines.push(`  milestone:  ${milestone}`);
  if (finding.issue.steps.length === 0) {
    lines.push("  checklist: (none)");
    return lines;
  }
  lines.push("  checklist:");
  for (const step of finding.issue.steps) {
    lines.push(`    - [ ] ${step.text}`);
    if (step.details !== "") {
      for (const detail of step.details.split("\n")) lines.push(`          ${detail}`.trimEnd());
    }
  }
  return lines;
}

function fileText(file: FileRef): string {
  if (file.startLine === undefined) return file.path;
  if (file.endLine === undefined) return `${file.path}:${file.startLine}`;
  return `${file.path}:${file.startLine}-${file.endLine}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
