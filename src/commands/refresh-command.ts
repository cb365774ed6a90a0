/**
 * `refresh`: rewrites the managed block from the document at the default branch's head, even when
 * the state line says the block is up to date — a person may have edited inside the block, or
 * broken it, without touching the state line. Ticks are merged as a sync would (§3.3); the title
 * and labels the bot set are brought in line; the close state and the notice carry over.
 */
import { reconcileIssue } from "../core/issue/reconcile-issue.js";
import { updateState } from "../core/issue/state-line.js";
import type { RenderContext } from "../core/issue/types.js";
import type { CommandContext, CommandOutcome } from "./context.js";
import { failed, succeeded } from "./context.js";
import { readFindingAtHead } from "./read-finding.js";
import { commitLink, documentName } from "./text.js";

export async function runRefresh(ctx: CommandContext, id: string): Promise<CommandOutcome> {
  const { gateway } = ctx.handle;
  const at = await readFindingAtHead(ctx, id);
  if (at.kind === "no-document")
    return failed(
      `Nothing to refresh from: ${documentName(ctx)} ${at.why} at ${commitLink(ctx, at.sha)}.`,
    );
  if (at.kind === "gone")
    return failed(
      `${id} is no longer in ${documentName(ctx)} at ${commitLink(ctx, at.sha)}, so there is nothing to refresh; the next sync closes this issue.`,
    );

  const fresh = await gateway.getIssue(ctx.payload.issue.number);
  // An empty hash in the state makes the merge re-render the block instead of trusting it.
  const forced = updateState(fresh.body, (state) => ({ ...state, hash: "" }), id);
  const names = fresh.labels.map((label) => label.name);
  const renderCtx: RenderContext = {
    repoHtmlUrl: ctx.payload.repository.html_url,
    documentPath: ctx.config.document,
    commitSha: at.sha,
    config: ctx.config,
  };
  const change = reconcileIssue(
    { title: fresh.title, body: forced, labels: names },
    at.finding,
    renderCtx,
  );
  const body = change.body ?? forced;
  const patch = {
    ...(body !== fresh.body ? { body } : {}),
    ...(change.title !== null ? { title: change.title } : {}),
  };
  const add = change.addLabels.filter((name) => !names.includes(name));
  const labelsChange = add.length > 0 || change.removeLabels.length > 0;
  if (Object.keys(patch).length === 0 && !labelsChange)
    return succeeded(
      `This issue already shows ${id} as it is in ${documentName(ctx)} at ${commitLink(ctx, at.sha)}; nothing to rewrite.`,
    );

  if (Object.keys(patch).length > 0) await gateway.editIssue(fresh.number, patch);
  if (labelsChange) {
    const keep = fresh.labels.filter((label) => !change.removeLabels.includes(label.name));
    await gateway.replaceLabels(
      fresh.number,
      keep.map((label) => label.id),
      add,
    );
  }
  const parts = [
    `Rewrote this issue's block from ${documentName(ctx)} at ${commitLink(ctx, at.sha)}; ticks on steps that are still there are kept.`,
  ];
  if (change.comment) parts.push(change.comment);
  return succeeded(parts.join("\n\n"));
}
