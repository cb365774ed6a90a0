/**
 * The findings a pull request adds, changes and removes: the parse at its merge base against the
 * parse at its head. A finding counts as changed when its content hash differs (moving it is no
 * change); its steps are paired with the checklist merge of §3.3, so "reworded" here means what
 * it means on the issue. Of two findings with the same ID only the first counts, as in the sync.
 */

import { normaliseLabel } from "../document/field-labels.js";
import type { Finding } from "../document/types.js";
import { diffFieldSnapshots, fieldSnapshot } from "../issue/field-snapshot.js";
import { mergeSteps } from "../issue/merge-steps.js";
import { checklistSteps } from "../issue/render-checklist.js";
import { type IssueFieldAliases, issueFieldTable } from "../issue-fields/derive-fields.js";
import type { FindingChange, RegisterParse, StepChanges } from "./types.js";

/**
 * Step text as the checklist shows it. Mentions stay as written here: the renderer neutralises
 * them with the repository's setting, and neutralising twice changes nothing.
 */
const AS_WRITTEN = { mentions: true };

/**
 * `aliases`: the labels of Gitea's own issue fields (SPEC §8) are left out of `fields`: the
 * preview tells those as the issue's fields (planPreview), not as the block's.
 */
export function diffRegisters(
  base: RegisterParse,
  head: RegisterParse,
  aliases?: IssueFieldAliases,
): FindingChange[] {
  const issueField = issueFieldTable(aliases);
  const before = firstOfEachId(base.findings);
  const after = firstOfEachId(head.findings);
  const changes: FindingChange[] = [];
  for (const [id, finding] of after) {
    const old = before.get(id);
    if (!old) changes.push({ kind: "added", id, head: finding });
    else if (old.hash !== finding.hash)
      changes.push({
        kind: "changed",
        id,
        base: old,
        head: finding,
        fields: diffFieldSnapshots(fieldSnapshot(old), fieldSnapshot(finding)).filter(
          (field) => !issueField.has(normaliseLabel(snapshotLabel(field.label))),
        ),
        steps: diffSteps(old, finding),
      });
  }
  for (const [id, finding] of before) {
    if (!after.has(id)) changes.push({ kind: "removed", id, base: finding });
  }
  return changes;
}

function diffSteps(base: Finding, head: Finding): StepChanges {
  const old = checklistSteps(base, AS_WRITTEN).map((step) => ({ ...step, checked: false }));
  const merge = mergeSteps(old, checklistSteps(head, AS_WRITTEN));
  return {
    added: merge.added,
    removed: merge.removed.map((step) => step.text),
    reworded: merge.reworded.map(({ from, to }) => ({ from, to })),
  };
}

function firstOfEachId(findings: readonly Finding[]): Map<string, Finding> {
  const byId = new Map<string, Finding>();
  for (const finding of findings) if (!byId.has(finding.id)) byId.set(finding.id, finding);
  return byId;
}

/** The document's label of a snapshot entry: a repeated label is kept as `Owner (2)`. */
function snapshotLabel(label: string): string {
  return label.replace(/ \(\d+\)$/, "");
}
