/**
 * What `deferbot plan` reports: each finding as the issue it would become, and the
 * diagnostics. `PlanReport` is the stable `--json` shape documented in docs/plan-json.md.
 */
import type { RepoConfig } from "../core/config/repo-config.js";
import type { Diagnostic, FileRef, ParseResult, Risk, Step } from "../core/document/types.js";
import { findingLabels } from "../core/issue/labels.js";
import { renderTitle } from "../core/issue/title.js";
import { registerIssueFields } from "../core/issue-fields/register-fields.js";
import type { IssueFieldDiagnostic } from "../core/issue-fields/types.js";

export interface PlannedFinding {
  id: string;
  title: string;
  refs: string[];
  /** First line of the finding's section (its heading), 1-based. */
  line: number;
  /** Last content line of the section. */
  endLine: number;
  issue: {
    title: string;
    labels: string[];
    steps: Step[];
    /** Gitea's own issue fields from the finding's labels (SPEC §8); empty when it has none. */
    assignees: string[];
    dueDate: string | null;
    blockedBy: string[];
    milestone: string | null;
  };
  files: FileRef[];
  risk: Risk | null;
  category: string | null;
  hash: string;
}

export interface PlanReport {
  version: 1;
  file: string;
  findings: PlannedFinding[];
  /** The register's dashboard issue (SPEC §8), or null with `dashboard: false`. */
  dashboard: { title: string; rows: number; maxRows: number } | null;
  /** The parser's diagnostics and the issue-field warnings, by line. */
  diagnostics: (Diagnostic | IssueFieldDiagnostic)[];
}

export function buildPlanReport(
  file: string,
  result: ParseResult,
  config: Pick<
    RepoConfig,
    "title" | "labels" | "idPattern" | "fieldAliases" | "dashboard" | "references"
  >,
): PlanReport {
  const fields = registerIssueFields(result.findings, {
    idPattern: config.idPattern,
    aliases: config.fieldAliases,
  });
  return {
    version: 1,
    file,
    findings: result.findings.map((finding) => {
      const own = fields.byFinding.get(finding.id);
      return {
        id: finding.id,
        title: finding.title,
        refs: finding.refs,
        line: finding.span.startLine,
        endLine: finding.span.endLine,
        issue: {
          title: renderTitle(finding, config.title, config),
          labels: findingLabels(finding, config),
          steps: finding.steps,
          assignees: own?.assignees ?? [],
          dueDate: own?.dueDate ?? null,
          blockedBy: own?.blockedBy ?? [],
          milestone: own?.milestone ?? null,
        },
        files: finding.files,
        risk: finding.risk,
        category: finding.category,
        hash: finding.hash,
      };
    }),
    dashboard: config.dashboard
      ? {
          title: config.dashboard.title,
          rows: new Set(result.findings.map((f) => f.id)).size,
          maxRows: config.dashboard.maxRows,
        }
      : null,
    diagnostics: [...result.diagnostics, ...fields.diagnostics].sort((a, b) => a.line - b.line),
  };
}

export function hasErrors(report: Pick<PlanReport, "diagnostics">): boolean {
  return report.diagnostics.some((diagnostic) => diagnostic.severity === "error");
}
