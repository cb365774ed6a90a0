/** The issue the bot opens for a finding: title, labels, Gitea's own fields, and a body that is the managed block alone. */
import type { Finding } from "../document/types.js";
import { hasIssueFieldLabels } from "../issue-fields/block-extras.js";
import { decideFieldEdits, type FieldsSetByBot } from "../issue-fields/decide-edits.js";
import { fieldsToRecord, hasFieldEdits, NO_FIELD_VALUES } from "../issue-fields/record-fields.js";
import { fieldSnapshot } from "./field-snapshot.js";
import { findingLabels } from "./labels.js";
import { renderBlock } from "./render-block.js";
import { checklistSteps } from "./render-checklist.js";
import { STATE_VERSION } from "./state-line.js";
import { renderTitle } from "./title.js";
import type { BotState, FieldsInput, NewIssue, RenderContext } from "./types.js";
import { untrustedOptions } from "./untrusted.js";

/** `fields`: the finding's issue fields after the repository check; absent, the create sets none. */
export function renderNewIssue(
  finding: Finding,
  ctx: RenderContext,
  fields?: FieldsInput,
): NewIssue {
  const title = renderTitle(finding, ctx.config.title, ctx.config);
  const labels = findingLabels(finding, ctx.config);
  const steps = checklistSteps(finding, untrustedOptions(ctx.config));
  const decision =
    fields &&
    decideFieldEdits({
      wanted: fields.wanted,
      current: NO_FIELD_VALUES,
      setByBot: null,
      refresh: false,
    });
  const fieldsSet =
    decision &&
    fieldsToRecord(
      undefined,
      decision.record,
      hasIssueFieldLabels(finding, ctx.config.fieldAliases),
    );
  const state = stateForWrite(finding, ctx, title, labels, null, fieldsSet);
  const body = renderBlock(
    finding,
    ctx,
    steps,
    steps.map(() => false),
    state,
  );
  return {
    title,
    body,
    labels,
    ...(hasFieldEdits(decision?.edits) ? { fieldEdits: decision.edits } : {}),
  };
}

/**
 * The state a write of the block records; the close record and notice carry over from `previous`,
 * and so does `fieldsSet` unless the write records a new one.
 */
export function stateForWrite(
  finding: Finding,
  ctx: RenderContext,
  title: string,
  labels: string[],
  previous: BotState | null,
  fieldsSet: FieldsSetByBot | undefined = previous?.fieldsSet,
): BotState {
  return {
    v: STATE_VERSION,
    id: finding.id,
    hash: finding.hash,
    sha: ctx.commitSha,
    title,
    labels,
    closed: previous?.closed ?? null,
    allTickedNotice: previous?.allTickedNotice ?? false,
    fields: fieldSnapshot(finding),
    ...(ctx.today === undefined
      ? previous?.changedOn === undefined
        ? {}
        : { changedOn: previous.changedOn }
      : { changedOn: ctx.today }),
    ...(fieldsSet === undefined ? {} : { fieldsSet }),
  };
}
