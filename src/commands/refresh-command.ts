/**
 * `refresh`: rewrites the managed block from the document at the default branch's head, even when
 * the state line says the block is up to date — a person may have edited inside the block, or
 * broken it, without touching the state line. Ticks are merged as a sync would (§3.3); the title
 * and labels the bot set are brought in line; the close state and the notice carry over. Gitea's
 * own issue fields get the document's values back (SPEC §8), a person's change notwithstanding,
 * and its dependencies are read and restored.
 */
import { readState, updateState } from "../core/issue/state-line.js";
import type { RenderContext } from "../core/issue/types.js";
import type { FieldEdits, FieldsSetByBot } from "../core/issue-fields/decide-edits.js";
import { groupIssuesByFinding } from "../core/plan/identify-issues.js";
import { applyFinding } from "../sync/apply-finding.js";
import { resolveIssueFields, type SyncFields } from "../sync/issue-fields.js";
import { type DependencyOutcome, linkDependencies } from "../sync/link-dependencies.js";
import { listTrackedIssues } from "../sync/list-tracked-issues.js";
import type { CommandContext, CommandOutcome } from "./context.js";
import { failed, readAtHead, succeeded, unreadableReason } from "./context.js";
import { commitLink, documentName, untrusted } from "./text.js";

export async function runRefresh(ctx: CommandContext, id: string): Promise<CommandOutcome> {
  const { forge } = ctx.handle;
  const at = await readAtHead(ctx);
  const why = unreadableReason(at);
  if (why !== null)
    return failed(
      `Nothing to refresh from: ${documentName(ctx)} at ${commitLink(ctx, at.sha)}: ${why}.`,
    );
  const findings = at.kind === "found" ? at.findings : [];
  const finding = findings.find((f) => f.id === id);
  if (!finding)
    return failed(
      `${id} is no longer in ${documentName(ctx)} at ${commitLink(ctx, at.sha)}, so there is nothing to refresh; the next sync closes this issue.`,
    );

  const number = ctx.payload.issue.number;
  const fields: SyncFields = {
    ...(await resolveIssueFields(forge, findings, ctx.config, id)),
    refresh: true,
  };
  const fresh = await forge.getIssue(number);
  const setByBot = readState(fresh.body, id)?.fieldsSet ?? null;
  // An empty hash in the state makes the merge re-render the block instead of trusting it.
  const forced = updateState(fresh.body, (state) => ({ ...state, hash: "" }), id);
  const renderCtx: RenderContext = {
    repoHtmlUrl: ctx.payload.repository.html_url,
    documentPath: ctx.config.document,
    commitSha: at.sha,
    config: ctx.config,
    today: new Date().toISOString().slice(0, 10),
  };
  const applied = await applyFinding(forge, fresh, forced, finding, renderCtx, {}, fields);
  const linked = await restoreDependencies(ctx, id, number, fields, setByBot);
  if (linked?.error !== undefined) throw new Error(linked.error);

  const notes = fieldNotes(ctx, applied.fieldEdits, linked, fields);
  if (!applied.wrote && !linked?.wrote)
    return succeeded(
      [
        `This issue already shows ${id} as it is in ${documentName(ctx)} at ${commitLink(ctx, at.sha)}; nothing to rewrite.`,
        ...notes,
      ].join("\n\n"),
    );
  const parts = [
    `Rewrote this issue's block from ${documentName(ctx)} at ${commitLink(ctx, at.sha)}; ticks on steps that are still there are kept.`,
    ...notes,
  ];
  if (applied.comment) parts.push(applied.comment);
  return succeeded(parts.join("\n\n"));
}

/**
 * The finding's `Blocked by` restored: read only when it names some, or when the bot set some
 * (a person's own dependencies are never removed); the numbers of the blockers' issues come from
 * the bot's listing.
 */
async function restoreDependencies(
  ctx: CommandContext,
  id: string,
  number: number,
  fields: SyncFields,
  setByBot: FieldsSetByBot | null,
): Promise<DependencyOutcome | null> {
  const blockedBy = fields.byFinding.get(id)?.blockedBy ?? [];
  if (blockedBy.length === 0 && (setByBot?.dependencies ?? []).length === 0) return null;
  const groups = groupIssuesByFinding(
    await listTrackedIssues(ctx.handle.forge),
    ctx.config.idPattern,
  );
  const blockers = blockedBy.flatMap((blocker) => {
    const kept = groups.get(blocker)?.kept;
    return kept ? [{ id: blocker, number: kept.number }] : [];
  });
  const [outcome] = await linkDependencies([{ findingId: id, number, blockers, setByBot }], {
    forge: ctx.handle.forge,
    concurrency: 1,
    refresh: true,
  });
  return outcome ?? null;
}

/** What the reply says of the issue fields: those set back, and the document's warnings about them. */
function fieldNotes(
  ctx: CommandContext,
  edits: FieldEdits | undefined,
  linked: DependencyOutcome | null,
  fields: SyncFields,
): string[] {
  const restored = [
    ...(edits?.assignees !== undefined ? ["assignees"] : []),
    ...(edits?.dueDate !== undefined ? ["due date"] : []),
    ...(edits?.milestone !== undefined ? ["milestone"] : []),
    ...(linked && linked.added.length + linked.removed.length > 0 ? ["dependencies"] : []),
  ];
  const notes =
    restored.length > 0
      ? [`Set its ${restored.join(", ")} back to what ${documentName(ctx)} says.`]
      : [];
  for (const d of fields.diagnostics) notes.push(`- line ${d.line}: ${untrusted(ctx, d.message)}`);
  return notes;
}
