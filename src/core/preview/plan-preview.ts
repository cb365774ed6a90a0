/**
 * What merging a pull request would do to the tracker (SPEC §4, `pull_request`): the sync's own
 * planner, run on the head's findings and the tracking issues as they are now, both restricted to
 * the findings the PR touches — so a finding the default branch gained or lost since the PR was
 * cut is never announced. Pure: nothing is written.
 */
import type { Finding } from "../document/types.js";
import { mergeSteps } from "../issue/merge-steps.js";
import { parseIssueBody } from "../issue/parse-issue-body.js";
import { checklistSteps } from "../issue/render-checklist.js";
import { readState } from "../issue/state-line.js";
import type { RenderContext } from "../issue/types.js";
import { decideFieldEdits } from "../issue-fields/decide-edits.js";
import { ISSUE_FIELD_LABELS } from "../issue-fields/field-changes.js";
import { wantedFields } from "../issue-fields/record-fields.js";
import { registerIssueFields } from "../issue-fields/register-fields.js";
import { type FindingFieldPlan, planFieldChanges } from "../plan/field-plan.js";
import { groupIssuesByFinding, identifyIssue } from "../plan/identify-issues.js";
import { type PlanInput, planSync } from "../plan/plan-sync.js";
import type { PlannedAction, TrackedIssue } from "../plan/types.js";
import { diffRegisters } from "./diff-registers.js";
import type {
  FindingChange,
  IssueFieldsOutcome,
  IssueOutcome,
  Preview,
  PreviewCounts,
  PreviewEntry,
  RegisterParse,
  TickOutcome,
} from "./types.js";

export interface PreviewInput {
  /** The document parsed at the PR's merge base (no findings when it did not exist there). */
  base: RegisterParse;
  /** The document parsed at the PR's head. */
  head: RegisterParse;
  /** False when the document does not exist at the head. */
  headDocumentFound: boolean;
  /** The tracking issues as the sync lists them now. */
  tracked: TrackedIssue[];
  /** The head commit and the configuration read at the head. */
  ctx: RenderContext;
  /**
   * The head's issue fields after the repository check, as the sync resolves them
   * (resolveIssueFields); absent, the document's values unchecked (registerIssueFields).
   */
  issueFields?: NonNullable<PlanInput["issueFields"]>;
}

export function planPreview(input: PreviewInput): Preview {
  const { ctx, head } = input;
  const changes = diffRegisters(input.base, head, ctx.config.fieldAliases);
  const touched = new Set(changes.map((change) => change.id));
  const idPattern = ctx.config.idPattern;
  const issueFields =
    input.issueFields ??
    registerIssueFields(head.findings, { idPattern, aliases: ctx.config.fieldAliases });
  const tracked = input.tracked.filter((issue) => {
    const identity = identifyIssue(issue, idPattern);
    return identity !== null && touched.has(identity.id);
  });

  const plan = planSync({
    findings: head.findings.filter((finding) => touched.has(finding.id)),
    diagnostics: head.diagnostics,
    documentFound: input.headDocumentFound,
    tracked,
    ctx,
    issueFields,
    // The sync refuses to close when the whole document is gone or empty; the restricted list
    // being empty is no such case, so that check is left to the whole head document.
    allowCloseAll: input.headDocumentFound && head.findings.length > 0,
  });

  // Twin closes are housekeeping any sync does, not something this PR changes.
  const actions = new Map<string, PlannedAction>();
  for (const action of plan.actions) {
    if (action.kind === "close" && action.record.reason === "twin") continue;
    actions.set(action.findingId, action);
  }
  // The planner's own choice of the issue kept for each finding (twins: most work by people).
  const kept = new Map<string, TrackedIssue>();
  for (const [id, group] of groupIssuesByFinding(tracked, idPattern))
    if (group.kept) kept.set(id, group.kept);

  // Every tracked issue, not only the touched ones: a `Blocked by` names other findings' issues.
  const fieldPlans = planFieldChanges(issueFields.byFinding, input.tracked, idPattern);
  const byNumber = new Map(tracked.map((issue) => [issue.number, issue]));
  const entries: PreviewEntry[] = changes.map((change) => {
    const action = actions.get(change.id);
    // The issue the plan acts on; without an action, the one the planner would keep.
    const issue =
      action && action.kind !== "create" ? byNumber.get(action.number) : kept.get(change.id);
    const written = action !== undefined && action.kind !== "close";
    return {
      change,
      issue: outcome(change, action, issue, plan.closeBlocked, ctx),
      issueFields: written
        ? fieldsOutcome(change.id, fieldPlans.get(change.id), issue)
        : NO_FIELD_CHANGES,
    };
  });
  return {
    entries,
    counts: countOutcomes(entries),
    closeBlocked: entries.some((e) => e.change.kind === "removed" && e.issue.action === "none")
      ? plan.closeBlocked
      : null,
    diagnostics: [...head.diagnostics, ...issueFields.diagnostics].sort((a, b) => a.line - b.line),
  };
}

const NO_FIELD_CHANGES: IssueFieldsOutcome = { changes: [], keptByPeople: [] };

/**
 * The document's move of the issue's fields, less the kinds a person changed on the issue: the
 * write leaves those alone (decideFieldEdits), and the preview says so.
 */
function fieldsOutcome(
  id: string,
  plan: FindingFieldPlan | undefined,
  issue: TrackedIssue | undefined,
): IssueFieldsOutcome {
  if (!plan) return NO_FIELD_CHANGES;
  const recorded = issue ? readState(issue.body, id) : null;
  const kept: string[] =
    issue?.issueFields && recorded
      ? decideFieldEdits({
          wanted: wantedFields(plan.wanted),
          current: issue.issueFields,
          setByBot: recorded.fieldsSet ?? null,
          refresh: false,
        }).keptByPeople.map((kind) => ISSUE_FIELD_LABELS[kind])
      : [];
  return {
    changes: plan.changes.filter((field) => !kept.includes(field.label)),
    keptByPeople: kept,
  };
}

function outcome(
  change: FindingChange,
  action: PlannedAction | undefined,
  issue: TrackedIssue | undefined,
  closeBlocked: string | null,
  ctx: RenderContext,
): IssueOutcome {
  if (action?.kind === "create") return { action: "open" };
  if (action?.kind === "close") return { action: "close", number: action.number };
  if (
    (action?.kind === "update" || action?.kind === "reopen") &&
    issue &&
    change.kind !== "removed"
  )
    return {
      action: action.kind,
      number: action.number,
      ticks: ticksAfterMerge(issue, change.head, ctx),
    };
  return {
    action: "none",
    number: issue?.number ?? null,
    why: whyNothing(change, issue, closeBlocked, ctx),
  };
}

/** The checklist merge on the issue's current body: which ticks survive the head's steps. */
function ticksAfterMerge(issue: TrackedIssue, finding: Finding, ctx: RenderContext): TickOutcome {
  const parsed = parseIssueBody(issue.body, finding.id);
  const current = parsed.findingId === finding.id || parsed.findingId === null ? parsed.steps : [];
  const next = checklistSteps(finding, { mentions: ctx.config.mentions });
  const merge = mergeSteps(current, next);
  return {
    kept: next.filter((_, index) => merge.checked[index]).map((step) => step.text),
    lost: merge.removed.filter((step) => step.checked).map((step) => step.text),
  };
}

function whyNothing(
  change: FindingChange,
  issue: TrackedIssue | undefined,
  closeBlocked: string | null,
  ctx: RenderContext,
): string {
  if (!issue)
    return change.kind === "removed"
      ? "it has no tracking issue"
      : `its issue is left for a later sync (\`maxCreates\` is ${ctx.config.maxCreates})`;
  const closed = readState(issue.body, change.id)?.closed ?? null;
  if (change.kind === "removed") {
    if (issue.state === "closed") return `#${issue.number} is already closed`;
    if (closeBlocked) return `#${issue.number} stays open: ${closeBlocked}`;
    return `#${issue.number} stays open (\`closeRemoved\` is off)`;
  }
  if (issue.state === "open") return `#${issue.number} already shows it`;
  if (closed?.reason === "ignored") return `#${issue.number} is ignored and stays closed`;
  if (closed?.reason === "removed")
    return `#${issue.number} stays closed (\`reopenReadded\` is off)`;
  return `#${issue.number} was closed on the tracker and stays closed`;
}

function countOutcomes(entries: readonly PreviewEntry[]): PreviewCounts {
  const counts: PreviewCounts = { open: 0, update: 0, reopen: 0, close: 0 };
  for (const { issue } of entries) if (issue.action !== "none") counts[issue.action]++;
  return counts;
}
