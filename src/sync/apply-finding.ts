/**
 * The one apply step of an issue change: the block, title, labels and Gitea's own issue fields a
 * finding asks for, merged into the issue as it is now (§3.3, §8) and written with as few calls
 * as the change needs — the field edits ride in the body's PATCH. The sync (`execute-plan.ts`)
 * and `/deferbot refresh` both write through here.
 */
import type { Finding } from "../core/document/types.js";
import { reconcileIssue } from "../core/issue/reconcile-issue.js";
import type { RenderContext } from "../core/issue/types.js";
import type { FieldEdits } from "../core/issue-fields/decide-edits.js";
import type { Forge, Issue } from "../port/forge.js";
import { fieldsInputOf, forgeFieldEdit, type SyncFields } from "./issue-fields.js";

export interface AppliedChange {
  /** Whether the body, title, state, fields or labels were written. */
  wrote: boolean;
  /** The note on what changed, for the caller to post or to reply with; null when none. */
  comment: string | null;
  /** Gitea's own fields written (SPEC §8); absent when none. */
  fieldEdits?: FieldEdits;
}

/**
 * `fresh` is the issue just read; `base` is its body as the merge should start from (the caller
 * may have cleared a close record or forced a re-render); `edit` is written along (a reopen);
 * `fields`: the sync's issue fields (absent: they are left as they are).
 */
export async function applyFinding(
  forge: Forge,
  fresh: Issue,
  base: string,
  finding: Finding,
  ctx: RenderContext,
  edit: { state?: "open" } = {},
  fields?: SyncFields,
): Promise<AppliedChange> {
  const labelNames = fresh.labels.map((label) => label.name);
  const change = reconcileIssue(
    {
      title: fresh.title,
      body: base,
      labels: labelNames,
      issueFields: {
        assignees: fresh.assignees,
        dueDate: fresh.dueDate,
        milestone: fresh.milestone,
      },
    },
    finding,
    ctx,
    fieldsInputOf(fields, finding.id),
  );
  const body = change.body ?? base;
  const patch = {
    ...edit,
    ...(body !== fresh.body ? { body } : {}),
    ...(change.title !== null ? { title: change.title } : {}),
    ...forgeFieldEdit(change.fieldEdits, fields?.milestoneIds ?? new Map()),
  };
  let wrote = false;
  if (Object.keys(patch).length > 0) {
    await forge.editIssue(fresh.number, patch);
    wrote = true;
  }
  const add = change.addLabels.filter((name) => !labelNames.includes(name));
  if (add.length > 0 || change.removeLabels.length > 0) {
    const keep = fresh.labels.filter((label) => !change.removeLabels.includes(label.name));
    await forge.replaceLabels(
      fresh.number,
      keep.map((label) => label.id),
      add,
    );
    wrote = true;
  }
  return {
    wrote,
    comment: change.comment,
    ...(change.fieldEdits ? { fieldEdits: change.fieldEdits } : {}),
  };
}
