/**
 * The planner (SPEC §3.4): from the document's findings and the tracking issues that exist, the
 * creates, updates, closes and reopens one sync makes. Pure: the executor does the writing.
 */
import type { Diagnostic, Finding } from "../document/types.js";
import { reconcileIssue } from "../issue/reconcile-issue.js";
import { renderNewIssue } from "../issue/render-issue.js";
import { readState } from "../issue/state-line.js";
import type { RenderContext } from "../issue/types.js";
import { groupIssuesByFinding } from "./identify-issues.js";
import type { PlannedAction, PlanSummary, SyncPlan, TrackedIssue } from "./types.js";

export interface PlanInput {
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** False when the document does not exist at the synced commit. */
  documentFound: boolean;
  tracked: TrackedIssue[];
  ctx: RenderContext;
  /** `/deferbot sync --allow-close-all`: close even when the document is gone or has no findings. */
  allowCloseAll: boolean;
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
  };

  // "A sync whose document has any error … closes nothing" (§2.2): twins wait too.
  const documentHasError = input.diagnostics.some((d) => d.severity === "error");
  const groups = groupIssuesByFinding(input.tracked, config.idPattern);
  const kept = new Map<string, TrackedIssue>();
  for (const [id, group] of groups) {
    const [oldest, ...twins] = group;
    if (!oldest) continue;
    kept.set(id, oldest);
    for (const twin of twins) {
      if (twin.state !== "open" || documentHasError) continue;
      actions.push({
        kind: "close",
        findingId: id,
        number: twin.number,
        record: { reason: "twin", twinOf: oldest.number },
        comment: `Duplicate of #${oldest.number}, which tracks ${id}. Closing this one.`,
      });
      summary.closed++;
    }
  }

  const present = new Set<string>();
  for (const finding of input.findings) {
    if (present.has(finding.id)) continue; // the parser reports the second of two same IDs
    present.add(finding.id);
    const issue = kept.get(finding.id);
    if (!issue) {
      if (summary.created >= config.maxCreates) {
        summary.pendingCreates++;
        continue;
      }
      actions.push({ kind: "create", findingId: finding.id, issue: renderNewIssue(finding, ctx) });
      summary.created++;
      continue;
    }
    if (issue.state === "open") {
      if (hasChange(issue, finding, ctx)) {
        actions.push({ kind: "update", findingId: finding.id, number: issue.number });
        summary.updated++;
      } else summary.unchanged++;
      continue;
    }
    const closed = readState(issue.body, finding.id)?.closed ?? null;
    if (closed?.reason === "removed" && config.reopenReadded) {
      actions.push({
        kind: "reopen",
        findingId: finding.id,
        number: issue.number,
        comment: `${finding.id} is back in ${config.document} at ${ctx.commitSha}. Reopening.`,
      });
      summary.reopened++;
    } else if (closed?.reason !== "twin") summary.closedOnTracker++;
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
      comment: `Removed from ${config.document} in ${ctx.commitSha}.`,
    });
    summary.closed++;
  }

  return { actions, summary, diagnostics: input.diagnostics, closeBlocked };
}

/** An open issue needs a write when its block, its bot-set title or its bot-set labels are out of date, or it carries a stale close record. */
function hasChange(issue: TrackedIssue, finding: Finding, ctx: RenderContext): boolean {
  if (readState(issue.body, finding.id)?.closed) return true;
  const change = reconcileIssue(issue, finding, ctx);
  return (
    change.body !== null ||
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
