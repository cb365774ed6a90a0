/** The issue the bot opens for a finding: title, labels, and a body that is the managed block alone. */
import type { Finding } from "../document/types.js";
import { fieldSnapshot } from "./field-snapshot.js";
import { findingLabels } from "./labels.js";
import { renderBlock } from "./render-block.js";
import { checklistSteps } from "./render-checklist.js";
import { STATE_VERSION } from "./state-line.js";
import { renderTitle } from "./title.js";
import type { BotState, NewIssue, RenderContext } from "./types.js";
import { untrustedOptions } from "./untrusted.js";

export function renderNewIssue(finding: Finding, ctx: RenderContext): NewIssue {
  const title = renderTitle(finding, ctx.config.title, ctx.config);
  const labels = findingLabels(finding, ctx.config);
  const steps = checklistSteps(finding, untrustedOptions(ctx.config));
  const state = stateForWrite(finding, ctx, title, labels, null);
  const body = renderBlock(
    finding,
    ctx,
    steps,
    steps.map(() => false),
    state,
  );
  return { title, body, labels };
}

/** The state a write of the block records; the close record and notice carry over from `previous`. */
export function stateForWrite(
  finding: Finding,
  ctx: RenderContext,
  title: string,
  labels: string[],
  previous: BotState | null,
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
    ...(previous?.fieldsSet === undefined ? {} : { fieldsSet: previous.fieldsSet }),
  };
}
