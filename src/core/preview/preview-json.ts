/** The `deferbot preview --json` output (docs/preview-json.md): the preview as data. */
import type { FieldChange } from "../issue/field-snapshot.js";
import type { SyncDiagnostic } from "../issue-fields/types.js";
import type { OutcomeLine } from "../plan/describe-outcome.js";
import type {
  IssueFieldsOutcome,
  IssueOutcome,
  Preview,
  PreviewCounts,
  StepChanges,
} from "./types.js";

export const PREVIEW_JSON_VERSION = 1;

export interface PreviewJson {
  version: typeof PREVIEW_JSON_VERSION;
  document: string;
  sha: string;
  touched: boolean;
  summary: PreviewCounts;
  closeBlocked: string | null;
  findings: PreviewFindingJson[];
  diagnostics: SyncDiagnostic[];
  status: OutcomeLine;
}

export interface PreviewFindingJson {
  id: string;
  title: string;
  change: "added" | "changed" | "removed";
  /** Lines of the finding in the head document; null for a removed finding. */
  line: number | null;
  endLine: number | null;
  fields: FieldChange[];
  steps: StepChanges;
  issue: IssueOutcome;
  /** The issue's own Gitea fields (SPEC §8) merging moves, and those a person changed (left alone). */
  issueFields: IssueFieldsOutcome;
}

const NO_STEP_CHANGES: StepChanges = { added: [], removed: [], reworded: [] };

export interface PreviewJsonInput {
  /** The preview, or null when the PR does not change the document. */
  preview: Preview | null;
  documentPath: string;
  headSha: string;
  status: OutcomeLine;
}

export function previewJson(input: PreviewJsonInput): PreviewJson {
  const { preview } = input;
  return {
    version: PREVIEW_JSON_VERSION,
    document: input.documentPath,
    sha: input.headSha,
    touched: preview !== null,
    summary: preview?.counts ?? { open: 0, update: 0, reopen: 0, close: 0 },
    closeBlocked: preview?.closeBlocked ?? null,
    findings: (preview?.entries ?? []).map(({ change, issue, issueFields }) => {
      const finding = change.kind === "removed" ? change.base : change.head;
      return {
        id: change.id,
        title: finding.title,
        change: change.kind,
        line: change.kind === "removed" ? null : finding.span.startLine,
        endLine: change.kind === "removed" ? null : finding.span.endLine,
        fields: change.kind === "changed" ? change.fields : [],
        steps: change.kind === "changed" ? change.steps : NO_STEP_CHANGES,
        issue,
        issueFields,
      };
    }),
    diagnostics: preview?.diagnostics ?? [],
    status: input.status,
  };
}
