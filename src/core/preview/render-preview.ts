/**
 * The preview comment on a pull request (SPEC §4): the marker, the summary line, what changes per
 * touched finding, then the head document's diagnostics linked to their lines at the head commit.
 * Document text is untrusted and neutralised as in issues. Issue references are written as
 * "issue #N" and never right after a word like "closes", which Gitea could read as an action.
 */
import { describeFieldChange } from "../issue/change-summary.js";
import { commentMarker } from "../issue/comment-marker.js";
import { commitFileUrl } from "../issue/links.js";
import type { RenderContext } from "../issue/types.js";
import {
  codeSpan,
  inlineText,
  neutraliseHtml,
  type UntrustedOptions,
  ZWJ,
} from "../issue/untrusted.js";
import type { SyncDiagnostic } from "../issue-fields/types.js";
import { joinAnd, plural, summaryLine } from "./summary-line.js";
import type {
  FindingChange,
  IssueFieldsOutcome,
  IssueOutcome,
  Preview,
  PreviewEntry,
  TickOutcome,
} from "./types.js";

export function renderPreviewComment(preview: Preview, ctx: RenderContext): string {
  const text = textOf(ctx);
  const parts = [
    commentMarker({ kind: "preview", sha: ctx.commitSha }),
    `**${summaryLine(preview.counts)}**`,
    `${changedFindings(preview.entries.length)} in ${documentLink(ctx)} at ${commitLink(ctx)}.`,
    ...preview.entries.map((entry) => renderEntry(entry, ctx, text)),
  ];
  if (preview.closeBlocked) parts.push(`Nothing would be closed: ${text(preview.closeBlocked)}.`);
  if (preview.diagnostics.length > 0) parts.push(renderDiagnostics(preview.diagnostics, ctx, text));
  return `${parts.join("\n\n")}\n`;
}

/** The comment once the PR's head has the same document as its merge base. */
export function renderUntouchedComment(ctx: RenderContext): string {
  return [
    commentMarker({ kind: "preview", sha: ctx.commitSha }),
    `This pull request no longer changes ${documentLink(ctx)} (as of ${commitLink(ctx)}), so merging it changes no tracking issue.`,
  ]
    .join("\n\n")
    .concat("\n");
}

type Text = (value: string) => string;

function textOf(ctx: RenderContext): Text {
  const options: UntrustedOptions = { mentions: ctx.config.mentions };
  return (value) => inlineText(value, options);
}

function changedFindings(n: number): string {
  if (n === 0) return "No finding changes";
  return n === 1 ? "1 finding changes" : `${n} findings change`;
}

function renderEntry(
  { change, issue, issueFields }: PreviewEntry,
  ctx: RenderContext,
  text: Text,
): string {
  const bullets = [
    ...(change.kind === "changed" ? changeBullets(change, text) : []),
    ...issueFieldBullets(issueFields, issue, ctx, text),
    ...(issue.action === "update" || issue.action === "reopen"
      ? tickBullets(issue.ticks, text)
      : []),
  ];
  return [
    `#### ${headline(change, issue)}: ${findingName(change, ctx, text)}`,
    "",
    issueSentence(change, issue, ctx, text),
    ...(bullets.length > 0 ? ["", ...bullets] : []),
  ].join("\n");
}

function headline(change: FindingChange, issue: IssueOutcome): string {
  if (change.kind === "removed") return "Removed";
  if (issue.action === "reopen") return change.kind === "added" ? "Re-added" : "Changed, re-added";
  return change.kind === "added" ? "New" : "Changed";
}

function findingName(change: FindingChange, ctx: RenderContext, text: Text): string {
  const finding = change.kind === "removed" ? change.base : change.head;
  const id = text(finding.id);
  const title = finding.title === "" ? "" : `: ${text(finding.title)}`;
  if (change.kind === "removed") return `${id}${title}`;
  const url = commitFileUrl(
    ctx.repoHtmlUrl,
    ctx.commitSha,
    ctx.documentPath,
    finding.span.startLine,
    finding.span.endLine,
  );
  return `[${id}](${url})${title}`;
}

function issueSentence(
  change: FindingChange,
  issue: IssueOutcome,
  ctx: RenderContext,
  text: Text,
): string {
  switch (issue.action) {
    case "open": {
      const steps = change.kind === "removed" ? 0 : change.head.steps.length;
      return `A new tracking issue will be opened${steps > 0 ? ` with ${plural(steps, "step")}` : ""}.`;
    }
    case "update":
      return `Tracking ${issueLink(issue.number, ctx)} will be updated.`;
    case "reopen":
      return `Tracking ${issueLink(issue.number, ctx)} will be reopened and updated.`;
    case "close":
      return `Tracking ${issueLink(issue.number, ctx)} will be closed as removed.`;
    case "none":
      return `No tracking issue will be written: ${linkIssueRefs(text(issue.why), ctx)}.`;
  }
}

function changeBullets(change: Extract<FindingChange, { kind: "changed" }>, text: Text): string[] {
  const lines = change.fields.map(
    (field) => `- ${text(field.label)}: ${describeFieldChange(field, text)}`,
  );
  lines.push(...change.steps.added.map((step) => `- Step added: ${text(step)}`));
  lines.push(...change.steps.removed.map((step) => `- Step removed: ${text(step)}`));
  lines.push(
    ...change.steps.reworded.map(
      (step) => `- Step reworded: ${text(step.from)} → ${text(step.to)}`,
    ),
  );
  return lines;
}

/** Gitea's own fields of the issue (SPEC §8), told apart from the block's fields. */
function issueFieldBullets(
  fields: IssueFieldsOutcome,
  issue: IssueOutcome,
  ctx: RenderContext,
  text: Text,
): string[] {
  const on = issue.action === "open" ? "the new issue's" : "the issue's";
  const lines = fields.changes.map(
    (field) => `- ${text(field.label)} (${on} own field): ${describeFieldChange(field, text)}`,
  );
  if (fields.keptByPeople.length > 0 && "number" in issue && issue.number !== null)
    lines.push(
      `- ${joinAnd(fields.keptByPeople.map(text))}: left as a person set them on ${issueLink(issue.number, ctx)} (${codeSpan(`${ctx.config.commandPrefix} refresh`)} there restores the document's values)`,
    );
  return lines;
}

function tickBullets(ticks: TickOutcome, text: Text): string[] {
  return [
    ...ticks.kept.map((step) => `- Tick kept: ${text(step)}`),
    ...ticks.lost.map((step) => `- Tick lost (step removed): ${text(step)}`),
  ];
}

function renderDiagnostics(
  diagnostics: readonly SyncDiagnostic[],
  ctx: RenderContext,
  text: Text,
): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const counts = joinAnd([
    ...(errors > 0 ? [plural(errors, "error")] : []),
    ...(warnings > 0 ? [plural(warnings, "warning")] : []),
  ]);
  const lines = diagnostics.map((d) => {
    const url = commitFileUrl(ctx.repoHtmlUrl, ctx.commitSha, ctx.documentPath, d.line);
    return `- **${d.severity}** [line ${d.line}](${url}): ${text(d.message)} (\`${d.code}\`)`;
  });
  const parts = [`#### The document at the head: ${counts}`, lines.join("\n")];
  if (errors > 0)
    parts.push(
      "Merged with errors, the sync creates and updates what it can read but closes nothing.",
    );
  return parts.join("\n\n");
}

function documentLink(ctx: RenderContext): string {
  const url = commitFileUrl(ctx.repoHtmlUrl, ctx.commitSha, ctx.documentPath);
  return `[${codeSpan(neutraliseHtml(ctx.documentPath))}](${url})`;
}

function commitLink(ctx: RenderContext): string {
  const url = `${ctx.repoHtmlUrl.replace(/\/+$/, "")}/commit/${encodeURIComponent(ctx.commitSha)}`;
  return `[${ctx.commitSha.slice(0, 10)}](${url})`;
}

function issueLink(number: number, ctx: RenderContext): string {
  return `issue [#${number}](${ctx.repoHtmlUrl.replace(/\/+$/, "")}/issues/${number})`;
}

/**
 * The bot's own `#N` that opens a reason sentence, as a link to the issue. It comes out of the
 * neutraliser with a joiner after `#`; a `#N` later in the sentence is the document's and stays inert.
 */
function linkIssueRefs(sentence: string, ctx: RenderContext): string {
  return sentence.replace(new RegExp(`^#${ZWJ}?(\\d+)\\b`), (_, n: string) =>
    issueLink(Number(n), ctx),
  );
}
