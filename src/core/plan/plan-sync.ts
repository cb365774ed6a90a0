/**
 * The planner (SPEC §3.4): from the document's findings and the tracking issues that exist, the
 * creates, updates, closes and reopens one sync makes. Pure: the executor does the writing.
 */
import type { Diagnostic, Finding } from "../document/types.js";
import { ticksToCarry } from "../issue/carry-ticks.js";
import { reconcileIssue } from "../issue/reconcile-issue.js";
import { renderNewIssue } from "../issue/render-issue.js";
import { readState } from "../issue/state-line.js";
import type { FieldsInput, RenderContext } from "../issue/types.js";
import { needsDependencyRead } from "../issue-fields/decide-edits.js";
import { wantedFields } from "../issue-fields/record-fields.js";
import type { IssueFieldDiagnostic, IssueFields } from "../issue-fields/types.js";
import { groupIssuesByFinding } from "./identify-issues.js";
import {
  conflictComment,
  type MarkerConflict,
  removedComment,
  reopenedComment,
  twinComment,
} from "./plan-comments.js";
import type {
  PlannedAction,
  PlannedComment,
  PlannedDependencies,
  PlanSummary,
  SyncPlan,
  TrackedIssue,
} from "./types.js";

export interface PlanInput {
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** False when the document does not exist at the synced commit. */
  documentFound: boolean;
  tracked: TrackedIssue[];
  ctx: RenderContext;
  /** `/deferbot sync --allow-close-all`: close even when the document is gone or has no findings. */
  allowCloseAll: boolean;
  /**
   * Gitea's own issue fields per finding ID (SPEC §8), after the repository check
   * (registerIssueFields, then checkAgainstRepo), and their warnings; absent, the plan leaves the
   * issue fields alone, as before they existed.
   */
  issueFields?: {
    byFinding: ReadonlyMap<string, IssueFields>;
    diagnostics: readonly IssueFieldDiagnostic[];
  };
}

export function planSync(input: PlanInput): SyncPlan {
  const { ctx } = input;
  const config = ctx.config;
  const actions: PlannedAction[] = [];
  const summary: PlanSummary = {
    created: 0,
    updated: 0,
    closed: 0,
    reopened: 0,
    unchanged: 0,
    closedOnTracker: 0,
    pendingCreates: 0,
    conflicts: 0,
  };
  const comments: PlannedComment[] = [];
  const warnings: string[] = [];
  const dependencies: PlannedDependencies[] = [];
  /** Open and reopened issues whose dependencies are looked at once the creates are known. */
  const linkLater: { id: string; issue: TrackedIssue; unchanged: boolean }[] = [];
  const fieldsOf = (id: string): IssueFields | undefined => input.issueFields?.byFinding.get(id);
  const fieldsInput = (id: string): FieldsInput | undefined => {
    const fields = fieldsOf(id);
    return fields && { wanted: wantedFields(fields) };
  };

  // "A sync whose document has any error … closes nothing" (§2.2): twins wait too.
  const documentHasError = input.diagnostics.some((d) => d.severity === "error");
  const groups = groupIssuesByFinding(input.tracked, config.idPattern);
  /** The issue of each finding the rest of the plan works on; absent for a finding whose issues are all in conflict. */
  const kept = new Map<string, TrackedIssue>();
  /** Findings that have an issue (so none is opened), kept or in conflict. */
  const hasIssue = new Set<string>();
  /** Ticks a kept issue takes over from twins closed in this sync. */
  const carried = new Map<string, ReturnType<typeof ticksToCarry>>();
  for (const [id, group] of groups) {
    hasIssue.add(id);
    for (const { issue, conflict } of group.conflicted) {
      summary.conflicts++;
      warnings.push(conflictWarning(issue.number, conflict));
      comments.push({ findingId: id, number: issue.number, ...conflictComment(conflict, config) });
    }
    const keep = group.kept;
    if (!keep) continue;
    kept.set(id, keep);
    const closing = documentHasError ? [] : group.twins.filter((twin) => twin.state === "open");
    if (closing.length === 0) continue;
    const ticks = ticksToCarry(
      keep.body,
      closing.map((twin) => twin.body),
      id,
    );
    if (ticks.length > 0) carried.set(id, ticks);
    for (const twin of closing) {
      actions.push({
        kind: "close",
        findingId: id,
        number: twin.number,
        record: { reason: "twin", twinOf: keep.number },
        ...twinComment(id, keep.number, config),
        ...removeBeforeClose(twin, id),
        ...(ticks.length > 0 ? { afterUpdateOf: keep.number } : {}),
      });
      summary.closed++;
    }
  }

  const present = new Set<string>();
  for (const finding of input.findings) {
    if (present.has(finding.id)) continue; // the parser reports the second of two same IDs
    present.add(finding.id);
    const issue = kept.get(finding.id);
    if (!issue && hasIssue.has(finding.id)) {
      summary.unchanged++; // its only issue is in conflict: reported above, written nothing
      continue;
    }
    if (!issue) {
      if (summary.created >= config.maxCreates) {
        summary.pendingCreates++;
        continue;
      }
      actions.push({
        kind: "create",
        findingId: finding.id,
        issue: renderNewIssue(finding, ctx, fieldsInput(finding.id)),
      });
      summary.created++;
      continue;
    }
    const carryTicks = carried.get(finding.id);
    carried.delete(finding.id);
    if (issue.state === "open") {
      const changed = carryTicks || hasChange(issue, finding, ctx, fieldsInput(finding.id));
      if (changed) {
        actions.unshift(update(finding.id, issue.number, carryTicks));
        summary.updated++;
      } else summary.unchanged++;
      linkLater.push({ id: finding.id, issue, unchanged: !changed });
      continue;
    }
    if (carryTicks) actions.unshift(update(finding.id, issue.number, carryTicks));
    const closed = readState(issue.body, finding.id)?.closed ?? null;
    if (closed?.reason === "removed" && config.reopenReadded) {
      linkLater.push({ id: finding.id, issue, unchanged: false });
      actions.push({
        kind: "reopen",
        findingId: finding.id,
        number: issue.number,
        ...reopenedComment(finding.id, ctx.commitSha, config),
      });
      summary.reopened++;
    } else if (closed?.reason !== "twin") summary.closedOnTracker++;
  }

  // The dependency step's work, once every create is known: an issue opened in this sync waits
  // for its create's answer, and so does a blocker opened now.
  const opening = new Set(
    actions.flatMap((action) => (action.kind === "create" ? [action.findingId] : [])),
  );
  for (const id of opening) dependenciesOf(id, null);
  for (const { id, issue, unchanged } of linkLater) {
    if (!dependenciesOf(id, issue) || !unchanged) continue;
    summary.unchanged--; // its dependencies alone change: an update all the same
    summary.updated++;
  }

  // Twins of a finding no longer in the document: their ticks still reach the kept issue.
  for (const [id, carryTicks] of carried) {
    const issue = kept.get(id);
    if (issue) actions.unshift(update(id, issue.number, carryTicks));
  }

  const closeBlocked = whyNotClose(input, kept, present);
  for (const [id, issue] of kept) {
    if (present.has(id) || issue.state !== "open" || closeBlocked !== null) continue;
    if (!config.closeRemoved) continue;
    actions.push({
      kind: "close",
      findingId: id,
      number: issue.number,
      record: { reason: "removed", sha: ctx.commitSha },
      ...removedComment(id, ctx.commitSha, config),
      ...removeBeforeClose(issue, id),
    });
    summary.closed++;
  }

  for (const d of input.issueFields?.diagnostics ?? [])
    warnings.push(`${ctx.documentPath}:${d.line}: ${d.message}`);

  return {
    actions,
    summary,
    diagnostics: input.diagnostics,
    closeBlocked,
    warnings,
    comments,
    dependencies,
  };

  /**
   * Plans the dependency step for a finding whose issue is open, reopened or opened in this sync
   * (`issue` null), when its `Blocked by` differs from what the bot recorded or involves an issue
   * opened now; whether it did. A blocker with no issue yet (pending `maxCreates`, or in conflict)
   * waits for a later sync.
   */
  function dependenciesOf(id: string, issue: TrackedIssue | null): boolean {
    const fields = fieldsOf(id);
    if (!fields) return false;
    const blockers = fields.blockedBy.flatMap((blocker): PlannedDependencies["blockers"] => {
      const number = kept.get(blocker)?.number;
      if (number !== undefined) return [{ id: blocker, number }];
      return opening.has(blocker) ? [{ id: blocker, number: null }] : [];
    });
    const setByBot = issue ? (readState(issue.body, id)?.fieldsSet ?? null) : null;
    const known = blockers.flatMap((blocker) => (blocker.number === null ? [] : [blocker.number]));
    const needed =
      issue === null
        ? blockers.length > 0
        : known.length < blockers.length || needsDependencyRead(known, setByBot, false);
    if (!needed) return false;
    dependencies.push({ findingId: id, number: issue?.number ?? null, blockers, setByBot });
    return true;
  }
}

/** The dependencies the bot set on an issue about to be closed, to remove first (SPEC §8). */
function removeBeforeClose(issue: TrackedIssue, id: string): { removeDependencies?: number[] } {
  const set = readState(issue.body, id)?.fieldsSet?.dependencies ?? [];
  return set.length > 0 ? { removeDependencies: set } : {};
}

/** An update; with ticks carried from twins it comes before their closes (see `afterUpdateOf`). */
function update(
  findingId: string,
  number: number,
  carryTicks: ReturnType<typeof ticksToCarry> | undefined,
): PlannedAction {
  return { kind: "update", findingId, number, ...(carryTicks ? { carryTicks } : {}) };
}

function conflictWarning(number: number, conflict: MarkerConflict): string {
  return `#${number}: its marker names ${conflict.marker ?? "no finding"} but its state line ${conflict.state}; left with ${conflict.state}, nothing written`;
}

/** An open issue needs a write when its block, its bot-set title or its bot-set labels are out of date, or it carries a stale close record. */
function hasChange(
  issue: TrackedIssue,
  finding: Finding,
  ctx: RenderContext,
  fields: FieldsInput | undefined,
): boolean {
  if (readState(issue.body, finding.id)?.closed) return true;
  const change = reconcileIssue(issue, finding, ctx, fields);
  return (
    change.body !== null ||
    change.fieldEdits !== undefined ||
    change.title !== null ||
    change.addLabels.length > 0 ||
    change.removeLabels.length > 0
  );
}

function whyNotClose(
  input: PlanInput,
  kept: Map<string, TrackedIssue>,
  present: Set<string>,
): string | null {
  const removedOpen = [...kept].filter(
    ([id, issue]) => issue.state === "open" && !present.has(id),
  ).length;
  if (removedOpen === 0) return null;
  const firstError = input.diagnostics.find((d) => d.severity === "error");
  if (firstError)
    return `the document has errors (line ${firstError.line}: ${firstError.message}); nothing is closed until they are fixed`;
  if (input.allowCloseAll) return null;
  const document = input.ctx.config.document;
  // Read in a commit status, a comment reply and the command line alike: both forms.
  const closeAll = `to close them, comment \`${input.ctx.config.commandPrefix} sync --allow-close-all\` or run \`deferbot sync --allow-close-all\``;
  if (!input.documentFound)
    return `${document} is missing, so its ${removedOpen} open issues were left open; ${closeAll}`;
  if (input.findings.length === 0)
    return `${document} has no findings, so its ${removedOpen} open issues were left open; ${closeAll}`;
  return null;
}
