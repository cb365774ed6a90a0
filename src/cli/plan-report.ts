/**
 * What `deferbot plan` reports: each finding as the issue it would become, and the
 * diagnostics. `PlanReport` is the stable `--json` shape documented in docs/plan-json.md.
 */
import type { RepoConfig } from "../core/config/repo-config.js";
import type { Diagnostic, FileRef, ParseResult, Risk, Step } from "../core/document/types.js";
import { findingLabels } from "../core/issue/labels.js";
import { renderTitle } from "../core/issue/title.js";

export interface PlannedFinding {
  id: string;
  title: string;
  refs: string[];
  /** First line of the finding's section (its heading), 1-based. */
  line: number;
  /** Last content line of the section. */
  endLine: number;
  issue: { title: string; labels: string[]; steps: Step[] };
  files: FileRef[];
  risk: Risk | null;
  category: string | null;
  hash: string;
}

export interface PlanReport {
  version: 1;
  file: string;
  findings: PlannedFinding[];
  diagnostics: Diagnostic[];
}

export function buildPlanReport(
  file: string,
  result: ParseResult,
  config: Pick<RepoConfig, "title" | "labels">,
): PlanReport {
  return {
    version: 1,
    file,
    findings: result.findings.map((finding) => ({
      id: finding.id,
      title: finding.title,
      refs: finding.refs,
      line: finding.span.startLine,
      endLine: finding.span.endLine,
      issue: {
        title: renderTitle(finding, config.title),
        labels: findingLabels(finding, config),
        steps: finding.steps,
      },
      files: finding.files,
      risk: finding.risk,
      category: finding.category,
      hash: finding.hash,
    })),
    diagnostics: result.diagnostics,
  };
}

export function hasErrors(report: Pick<PlanReport, "diagnostics">): boolean {
  return report.diagnostics.some((diagnostic) => diagnostic.severity === "error");
}
