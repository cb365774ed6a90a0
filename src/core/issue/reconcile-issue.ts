/**
 * What to write to an open tracking issue so that it shows the finding (§3.2, §3.3).
 *
 * Call it with the issue as just re-read from Gitea: ticks made seconds ago are in that body and
 * are carried into the new block. When the block is whole and its state records the finding's
 * content hash, nothing is written — a push that only moved this finding or edited another one
 * changes commit and lines but not the hash — unless Gitea's own issue fields need writing
 * (`fields`, SPEC §8): edits a person did not override, or a record in the state line that moved.
 * Then the block is rendered again (the issue fields leave "Other fields") and the edits ride in
 * the same write.
 */
import type { Finding } from "../document/types.js";
import { hasIssueFieldLabels } from "../issue-fields/block-extras.js";
import {
  decideFieldEdits,
  type FieldEdits,
  type FieldsSetByBot,
} from "../issue-fields/decide-edits.js";
import {
  fieldsToRecord,
  hasFieldEdits,
  NO_FIELD_VALUES,
  sameFieldsSet,
} from "../issue-fields/record-fields.js";
import { renderChangeSummary } from "./change-summary.js";
import { diffFieldSnapshots } from "./field-snapshot.js";
import { findingLabels } from "./labels.js";
import { mergeSteps } from "./merge-steps.js";
import { blockSummary, parseIssueBody } from "./parse-issue-body.js";
import { renderBlock } from "./render-block.js";
import { checklistSteps } from "./render-checklist.js";
import { stateForWrite } from "./render-issue.js";
import { STATE_VERSION } from "./state-line.js";
import { renderTitle } from "./title.js";
import type {
  BotState,
  CurrentIssue,
  FieldsInput,
  IssueChange,
  ParsedBody,
  RenderContext,
} from "./types.js";
import { untrustedOptions } from "./untrusted.js";

const NO_CHANGE: IssueChange = {
  body: null,
  title: null,
  addLabels: [],
  removeLabels: [],
  comment: null,
};

export function reconcileIssue(
  current: CurrentIssue,
  finding: Finding,
  ctx: RenderContext,
  fields?: FieldsInput,
): IssueChange {
  // Most issues are unchanged: their block is told apart without reading its steps.
  const summary = blockSummary(current.body, finding.id);
  const previous = summary.state;
  const issueFields = fields && decideFields(current, finding, ctx, previous, fields);
  if (
    (issueFields === undefined ||
      (!hasFieldEdits(issueFields.edits) &&
        sameFieldsSet(previous?.fieldsSet, issueFields.record))) &&
    summary.status === "ok" &&
    summary.findingId === finding.id &&
    // A version 1 state is current enough: its ID is the marker's, which matches here, and the
    // next write of the block records it. Rewriting every issue for the version alone would fire
    // an `edited` webhook per issue and change nothing a person sees.
    previous !== null &&
    previous.v <= STATE_VERSION &&
    previous.hash === finding.hash
  ) {
    return { ...NO_CHANGE, addLabels: [], removeLabels: [] };
  }
  const parsed = parseIssueBody(current.body, finding.id);

  const title = renderTitle(finding, ctx.config.title, ctx.config);
  const labels = findingLabels(finding, ctx.config);
  const steps = checklistSteps(finding, untrustedOptions(ctx.config));
  const currentSteps =
    parsed.findingId === finding.id || parsed.findingId === null ? parsed.steps : [];
  const merge = mergeSteps(currentSteps, steps);
  const state = stateForWrite(
    finding,
    ctx,
    title,
    labels,
    previous,
    issueFields ? issueFields.record : previous?.fieldsSet,
  );
  const block = renderBlock(finding, ctx, steps, merge.checked, state);
  const body = assembleBody(parsed, block);

  // The bot sets the title only when the finding's title moved away from the one it last set;
  // a person's rename stands until then. Without a state there is no record, so it sets it.
  const titleWanted = previous ? title !== previous.title : true;
  const have = new Set(current.labels);
  const desired = new Set(labels);

  const ticked = currentSteps.some((step) => step.checked);
  const stepsChanged = merge.added.length + merge.removed.length + merge.reworded.length > 0;
  const fieldChanges =
    previous?.fields && state.fields ? diffFieldSnapshots(previous.fields, state.fields) : [];
  return {
    body: body === current.body ? null : body,
    title: titleWanted && title !== current.title ? title : null,
    addLabels: labels.filter((label) => !have.has(label)),
    removeLabels: (previous?.labels ?? []).filter(
      (label) => !desired.has(label) && have.has(label),
    ),
    // §3.3: the comment is owed when steps were added, removed or reworded under a tick; it
    // then also names the fields that changed.
    comment:
      ticked && stepsChanged ? renderChangeSummary(finding.id, merge, fieldChanges, ctx) : null,
    ...(hasFieldEdits(issueFields?.edits) ? { fieldEdits: issueFields.edits } : {}),
  };
}

/** The field edits people did not override, and the `fieldsSet` the write records. */
function decideFields(
  current: CurrentIssue,
  finding: Finding,
  ctx: RenderContext,
  previous: BotState | null,
  fields: FieldsInput,
): { edits: FieldEdits; record: FieldsSetByBot | undefined } {
  const decision = decideFieldEdits({
    wanted: fields.wanted,
    current: current.issueFields ?? NO_FIELD_VALUES,
    setByBot: previous?.fieldsSet ?? null,
    refresh: fields.refresh ?? false,
  });
  const labelled = hasIssueFieldLabels(finding, ctx.config.fieldAliases);
  return {
    edits: decision.edits,
    record: fieldsToRecord(previous?.fieldsSet, decision.record, labelled),
  };
}

/** The block in place of the old one, or first when there was none; people's bytes as they were. */
function assembleBody(parsed: ParsedBody, block: string): string {
  if (parsed.status === "missing") {
    return parsed.before.trim() === "" ? block : `${block}\n\n${parsed.before}`;
  }
  return `${parsed.before}${block}${parsed.after}`;
}
