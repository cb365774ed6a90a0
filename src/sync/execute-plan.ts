/**
 * Runs a sync plan against the forge. Every write is built from a re-read of the issue sent just
 * before it (`reread-write.ts`), so ticks made while the sync runs are kept, an unchanged body is
 * never written, and a write whose answer was lost is merged again instead of resent. A close or
 * reopen comment goes first and only once (`post-once.ts`), then the re-read, then the write.
 * Before a close, the dependencies the bot set are removed (Gitea refuses to close an issue with
 * open dependencies, SPEC §8). The dependency links themselves come after the plan
 * (`link-dependencies.ts`), when every created issue has its number.
 * A failed action is reported and the others go on; the next sync repairs what is left.
 */
import type { Finding } from "../core/document/types.js";
import { applyCarriedTicks } from "../core/issue/carry-ticks.js";
import { readState, setCloseRecord, setDependenciesRecord } from "../core/issue/state-line.js";
import type { RenderContext } from "../core/issue/types.js";
import { dependenciesToRemoveBeforeClose } from "../core/issue-fields/decide-edits.js";
import type { PlannedAction, SyncPlan } from "../core/plan/types.js";
import type { Forge, Issue } from "../port/forge.js";
import { LockLostError } from "../replicas/repo-lock.js";
import { applyFinding } from "./apply-finding.js";
import { forgeFieldEdit, type SyncFields } from "./issue-fields.js";
import { plannedPost, postOnce } from "./post-once.js";
import { readThenWrite, rereadAndWrite } from "./reread-write.js";
import { runLimited } from "./run-limited.js";

export interface ExecuteOptions {
  forge: Forge;
  findings: Finding[];
  ctx: RenderContext;
  concurrency: number;
  onProgress?: (done: number, total: number) => void;
  /** The bot's login: its own marked comments are looked for before posting one again. */
  botLogin: string;
  /** Comment counts of the issues from the listing (0: no need to look for the bot's comment). */
  commentCounts?: ReadonlyMap<number, number>;
  /**
   * Called before each re-read of an issue about to be written, and before each create; it
   * throws to stop the sync (the repository's lock was lost: `LockLostError`, SPEC §10).
   */
  beforeReread?: () => Promise<void>;
  /** Gitea's own issue fields of this sync (SPEC §8); absent, they are left as they are. */
  fields?: SyncFields;
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
  /** Updates by issue number, for the twin closes that wait on them (`afterUpdateOf`). */
  const updates = new Map<number, Promise<ActionOutcome>>();
  const settled = new Map<number, (outcome: ActionOutcome) => void>();
  for (const action of plan.actions)
    if (action.kind === "update" && !updates.has(action.number))
      updates.set(action.number, new Promise((resolve) => settled.set(action.number, resolve)));
  let done = 0;
  return runLimited(plan.actions, options.concurrency, async (action) => {
    // A create has no re-read to check the lock before: a create by a process that lost it is a twin.
    if (action.kind === "create") await options.beforeReread?.();
    let outcome: ActionOutcome;
    try {
      outcome = await runAction(action, byId.get(action.findingId), options, updates);
    } catch (error) {
      if (error instanceof LockLostError) throw error; // the lock is gone: the whole sync stops
      outcome = {
        action,
        wrote: false,
        error: error instanceof Error ? error.message : String(error),
      };
    }
    if (action.kind === "update") settled.get(action.number)?.(outcome);
    options.onProgress?.(++done, plan.actions.length);
    return outcome;
  });
}

async function runAction(
  action: PlannedAction,
  finding: Finding | undefined,
  options: ExecuteOptions,
  updates: ReadonlyMap<number, Promise<ActionOutcome>>,
): Promise<ActionOutcome> {
  const { forge, ctx } = options;
  switch (action.kind) {
    case "create": {
      const { fieldEdits, ...issue } = action.issue;
      const created = await forge.createIssue({
        ...issue,
        ...forgeFieldEdit(fieldEdits, options.fields?.milestoneIds ?? new Map()),
      });
      return { action, wrote: true, number: created.number };
    }
    case "update": {
      if (!finding && !action.carryTicks)
        throw new Error(`no finding ${action.findingId} in the document`);
      const carry = action.carryTicks ?? [];
      const { wrote, note } = await rereadAndWrite(options, action.number, async (fresh) => {
        const ticked =
          carry.length > 0 ? applyCarriedTicks(fresh.body, carry, action.findingId) : fresh.body;
        if (fresh.state !== "open" || !finding) {
          // A closed kept issue (or a finding gone) takes the carried ticks alone.
          if (ticked === fresh.body) return { wrote: false, note: null };
          await forge.editIssue(action.number, { body: ticked });
          return { wrote: true, note: null };
        }
        return bringInLine(forge, fresh, ticked, finding, ctx, {}, options.fields);
      });
      if (note !== null) await forge.comment(action.number, note);
      return { action, wrote: wrote || note !== null, number: action.number };
    }
    case "reopen": {
      if (!finding) throw new Error(`no finding ${action.findingId} in the document`);
      // Checked before the comment, so an `ignore` that landed since the listing gets no "Reopening".
      const before = await reread(options, action.number);
      if (!stillRemoved(before, action.findingId))
        return { action, wrote: false, number: action.number };
      if (before.state === "closed") await postOnce(plannedPost(options, action));
      const { note } = await rereadAndWrite(options, action.number, async (fresh) => {
        if (!stillRemoved(fresh, action.findingId)) return { wrote: false, note: null };
        const base = readState(fresh.body, finding.id)?.closed
          ? setCloseRecord(fresh.body, null, finding.id)
          : fresh.body;
        return bringInLine(forge, fresh, base, finding, ctx, { state: "open" }, options.fields);
      });
      if (note !== null) await forge.comment(action.number, note);
      return { action, wrote: true, number: action.number };
    }
    case "close": {
      if (action.afterUpdateOf !== undefined) {
        const carried = await updates.get(action.afterUpdateOf);
        if (carried?.error !== undefined)
          throw new Error(
            `not closed: the ticks it carries to #${action.afterUpdateOf} were not written yet`,
          );
      }
      const posted = await postOnce(plannedPost(options, action));
      const unlinked = await removeDependencies(options, action.number, action.removeDependencies);
      const wrote = await rereadAndWrite(options, action.number, async (fresh) => {
        if (fresh.state === "closed") return false;
        const recorded = readState(fresh.body, action.findingId)?.fieldsSet?.dependencies;
        const body =
          unlinked && recorded
            ? setDependenciesRecord(
                fresh.body,
                recorded.filter((n) => !unlinked.includes(n)),
                action.findingId,
              )
            : fresh.body;
        await forge.editIssue(action.number, {
          state: "closed",
          body: setCloseRecord(body, action.record, action.findingId),
        });
        return true;
      });
      return { action, wrote: posted || wrote || unlinked !== null, number: action.number };
    }
  }
}

/**
 * Removes the dependencies the bot set before a close: 1 DELETE each, no read; after a lost
 * answer, the dependencies are read and only those still there are removed. The numbers
 * removed, or null when there were none to remove.
 */
async function removeDependencies(
  options: ExecuteOptions,
  number: number,
  setByBot: readonly number[] | undefined,
): Promise<number[] | null> {
  if (!setByBot || setByBot.length === 0) return null;
  const { forge } = options;
  const set = { dependencies: [...setByBot] };
  await readThenWrite(
    async (afterLoss) => (afterLoss ? forge.listDependencies(number) : setByBot),
    async (present) => {
      for (const blocker of dependenciesToRemoveBeforeClose(set, present))
        await forge.removeDependency(number, blocker);
    },
  );
  // Each is gone now: removed here, or found gone when read again after a lost answer.
  return set.dependencies;
}

/** Reopen only what the bot closed as removed: an `ignore` that landed since the listing stands. */
function stillRemoved(fresh: Issue, findingId: string): boolean {
  return fresh.state === "open" || readState(fresh.body, findingId)?.closed?.reason === "removed";
}

async function reread(options: ExecuteOptions, number: number): Promise<Issue> {
  await options.beforeReread?.();
  return options.forge.getIssue(number);
}

/**
 * Writes the block, title and labels the finding asks for, merged into `base` (the re-read body,
 * maybe with carried ticks or without its close record); the note on what changed is returned,
 * to be posted once the writes are done.
 */
async function bringInLine(
  forge: Forge,
  fresh: Issue,
  base: string,
  finding: Finding,
  ctx: RenderContext,
  edit: { state?: "open" },
  fields: SyncFields | undefined,
): Promise<{ wrote: boolean; note: string | null }> {
  const applied = await applyFinding(forge, fresh, base, finding, ctx, edit, fields);
  return { wrote: applied.wrote, note: applied.comment };
}
