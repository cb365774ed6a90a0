/**
 * Runs a sync plan against the forge. Every write is preceded by a re-read of the issue and a
 * fresh merge, so ticks made while the sync runs are kept and an unchanged body is never written.
 * A failed action is reported and the others go on; the next sync repairs what is left.
 */
import type { Finding } from "../core/document/types.js";
import { readState, setCloseRecord } from "../core/issue/state-line.js";
import type { RenderContext } from "../core/issue/types.js";
import type { PlannedAction, SyncPlan } from "../core/plan/types.js";
import type { Forge, Issue } from "../port/forge.js";
import { applyFinding } from "./apply-finding.js";
import { runLimited } from "./run-limited.js";

export interface ExecuteOptions {
  forge: Forge;
  findings: Finding[];
  ctx: RenderContext;
  concurrency: number;
  onProgress?: (done: number, total: number) => void;
  /**
   * Called before each re-read of an issue about to be written, and before each create; it
   * throws to stop the sync (the repository's lock was lost: `LockLostError`, SPEC §10).
   */
  beforeReread?: () => Promise<void>;
}

export interface ActionOutcome {
  action: PlannedAction;
  /** Whether anything was written for this action (an update found in sync on re-read writes nothing). */
  wrote: boolean;
  /** The issue number created or written. */
  number?: number;
  error?: string;
}

export async function executePlan(
  plan: SyncPlan,
  options: ExecuteOptions,
): Promise<ActionOutcome[]> {
  const byId = new Map<string, Finding>();
  for (const finding of options.findings) if (!byId.has(finding.id)) byId.set(finding.id, finding);
  let done = 0;
  return runLimited(plan.actions, options.concurrency, async (action) => {
    await options.beforeReread?.(); // outside the try: a lost lock stops the sync, not one action
    let outcome: ActionOutcome;
    try {
      outcome = await runAction(action, byId.get(action.findingId), options);
    } catch (error) {
      outcome = {
        action,
        wrote: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    options.onProgress?.(++done, plan.actions.length);
    return outcome;
  });
}

async function runAction(
  action: PlannedAction,
  finding: Finding | undefined,
  { forge, ctx }: ExecuteOptions,
): Promise<ActionOutcome> {
  switch (action.kind) {
    case "create": {
      const created = await forge.createIssue(action.issue);
      return { action, wrote: true, number: created.number };
    }
    case "update": {
      if (!finding) throw new Error(`no finding ${action.findingId} in the document`);
      const fresh = await forge.getIssue(action.number);
      if (fresh.state !== "open") return { action, wrote: false, number: action.number };
      const wrote = await bringInLine(forge, fresh, finding, ctx, {});
      return { action, wrote, number: action.number };
    }
    case "reopen": {
      if (!finding) throw new Error(`no finding ${action.findingId} in the document`);
      const fresh = await forge.getIssue(action.number);
      if (fresh.state === "closed") {
        // Reopen only what the bot closed as removed: an `ignore` that landed since the listing stands.
        if (readState(fresh.body, action.findingId)?.closed?.reason !== "removed")
          return { action, wrote: false, number: action.number };
        await forge.comment(action.number, action.comment);
      }
      await bringInLine(forge, fresh, finding, ctx, { state: "open" });
      return { action, wrote: true, number: action.number };
    }
    case "close": {
      const fresh = await forge.getIssue(action.number);
      if (fresh.state === "closed") return { action, wrote: false, number: action.number };
      await forge.comment(action.number, action.comment);
      await forge.editIssue(action.number, {
        state: "closed",
        body: setCloseRecord(fresh.body, action.record, action.findingId),
      });
      return { action, wrote: true, number: action.number };
    }
  }
}

/** Writes the block, title and labels the finding asks for, and the note; returns whether anything was written. */
async function bringInLine(
  forge: Forge,
  fresh: Issue,
  finding: Finding,
  ctx: RenderContext,
  edit: { state?: "open" },
): Promise<boolean> {
  const base = readState(fresh.body, finding.id)?.closed
    ? setCloseRecord(fresh.body, null, finding.id)
    : fresh.body;
  const applied = await applyFinding(forge, fresh, base, finding, ctx, edit);
  if (applied.comment === null) return applied.wrote;
  await forge.comment(fresh.number, applied.comment);
  return true;
}
