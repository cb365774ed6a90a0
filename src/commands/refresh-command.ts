/**
 * `refresh`: rewrites the managed block from the document at the default branch's head, even when
 * the state line says the block is up to date — a person may have edited inside the block, or
 * broken it, without touching the state line. Ticks are merged as a sync would (§3.3); the title
 * and labels the bot set are brought in line; the close state and the notice carry over.
 */
import { updateState } from "../core/issue/state-line.js";
import type { RenderContext } from "../core/issue/types.js";
import { applyFinding } from "../sync/apply-finding.js";
import type { CommandContext, CommandOutcome } from "./context.js";
import { failed, readAtHead, succeeded, unreadableReason } from "./context.js";
import { commitLink, documentName } from "./text.js";

export async function runRefresh(ctx: CommandContext, id: string): Promise<CommandOutcome> {
  const { forge } = ctx.handle;
  const at = await readAtHead(ctx);
  const why = unreadableReason(at);
  if (why !== null)
    return failed(
      `Nothing to refresh from: ${documentName(ctx)} at ${commitLink(ctx, at.sha)}: ${why}.`,
    );
  const finding = at.kind === "found" ? at.findings.find((f) => f.id === id) : undefined;
  if (!finding)
    return failed(
      `${id} is no longer in ${documentName(ctx)} at ${commitLink(ctx, at.sha)}, so there is nothing to refresh; the next sync closes this issue.`,
    );

  const fresh = await forge.getIssue(ctx.payload.issue.number);
  // An empty hash in the state makes the merge re-render the block instead of trusting it.
  const forced = updateState(fresh.body, (state) => ({ ...state, hash: "" }), id);
  const renderCtx: RenderContext = {
    repoHtmlUrl: ctx.payload.repository.html_url,
    documentPath: ctx.config.document,
    commitSha: at.sha,
    config: ctx.config,
    today: new Date().toISOString().slice(0, 10),
  };
  const applied = await applyFinding(forge, fresh, forced, finding, renderCtx);
  if (!applied.wrote)
    return succeeded(
      `This issue already shows ${id} as it is in ${documentName(ctx)} at ${commitLink(ctx, at.sha)}; nothing to rewrite.`,
    );
  const parts = [
    `Rewrote this issue's block from ${documentName(ctx)} at ${commitLink(ctx, at.sha)}; ticks on steps that are still there are kept.`,
  ];
  if (applied.comment) parts.push(applied.comment);
  return succeeded(parts.join("\n\n"));
}
