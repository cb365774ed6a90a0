/**
 * The comment of §3.3 for an issue with ticks whose finding changed: steps added, removed and
 * reworded, and fields changed (`Risk: Low → Medium`), as short Markdown. Null when none of that
 * changed. It starts with its comment marker (`kind=changed`, the finding, the commit).
 */
import { markedComment } from "./comment-marker.js";
import type { FieldChange } from "./field-snapshot.js";
import { commitUrl } from "./links.js";
import type { StepMerge } from "./merge-steps.js";
import type { RenderContext } from "./types.js";
import {
  codeSpan,
  inlineText,
  neutraliseHtml,
  type UntrustedOptions,
  untrustedOptions,
} from "./untrusted.js";

export function renderChangeSummary(
  findingId: string,
  merge: StepMerge,
  fields: readonly FieldChange[],
  ctx: RenderContext,
): string | null {
  const options: UntrustedOptions = untrustedOptions(ctx.config);
  const text = (value: string) => inlineText(value, options);
  const steps = [
    ...merge.added.map((step) => `- Added: ${text(step)}`),
    ...merge.removed.map(
      (step) => `- Removed${step.checked ? " (was ticked)" : ""}: ${text(step.text)}`,
    ),
    ...merge.reworded.map(
      (step) =>
        `- Reworded${step.checked ? " (tick kept)" : ""}: ${text(step.from)} → ${text(step.to)}`,
    ),
  ];
  const changes = fields.map(
    (change) => `- ${text(change.label)}: ${describeFieldChange(change, text)}`,
  );
  if (steps.length === 0 && changes.length === 0) return null;

  const link = commitUrl(ctx.repoHtmlUrl, ctx.commitSha);
  const parts = [
    `${findingId} changed in ${codeSpan(neutraliseHtml(ctx.documentPath))} at [${ctx.commitSha.slice(0, 10)}](${link}). Ticks stay on the steps that are still there.`,
  ];
  if (steps.length > 0) parts.push(`**Steps**\n\n${steps.join("\n")}`);
  if (changes.length > 0) parts.push(`**Fields**\n\n${changes.join("\n")}`);
  return markedComment(
    { kind: "changed", finding: findingId, sha: ctx.commitSha },
    parts.join("\n\n"),
  );
}

/** One field's change as a person reads it: `added (x)`, `removed (was x)`, `x → y`. */
export function describeFieldChange(change: FieldChange, text: (value: string) => string): string {
  if (change.kind === "added") return change.to === null ? "added" : `added (${text(change.to)})`;
  if (change.kind === "removed")
    return change.from === null ? "removed" : `removed (was ${text(change.from)})`;
  if (change.from !== null && change.to !== null)
    return `${text(change.from)} → ${text(change.to)}`;
  return "changed";
}
