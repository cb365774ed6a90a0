/**
 * `ignore` and `unignore`. Ignoring closes the issue, labels it `deferbot/ignored` and records
 * `ignored` in the state line: the planner leaves an ignored issue closed and its body untouched
 * while the finding stays in the document, and never reopens it. `unignore` reopens it, drops the
 * label and the record, and runs a sync so the issue catches up with the document.
 */
import { IGNORED_LABEL } from "../core/config/repo-config.js";
import { readState, setCloseRecord } from "../core/issue/state-line.js";
import type { Issue } from "../port/forge.js";
import { isHandedOver } from "../sync/sync-queue.js";
import type { CommandContext, CommandOutcome } from "./context.js";
import { succeeded } from "./context.js";
import { HANDED_OVER_REPLY } from "./sync-command.js";
import { code, untrusted } from "./text.js";

function hasIgnoredLabel(issue: Issue): boolean {
  return issue.labels.some((label) => label.name.toLowerCase() === IGNORED_LABEL);
}

export async function runIgnore(ctx: CommandContext, id: string): Promise<CommandOutcome> {
  const { forge } = ctx.handle;
  const fresh = await forge.getIssue(ctx.payload.issue.number);
  const recorded = readState(fresh.body, id)?.closed?.reason === "ignored";
  if (fresh.state === "closed" && recorded && hasIgnoredLabel(fresh))
    return succeeded(`${id} is already ignored. \`unignore\` reopens it.`);

  const body = setCloseRecord(fresh.body, { reason: "ignored" }, id);
  const patch = {
    ...(fresh.state === "closed" ? {} : { state: "closed" as const }),
    ...(body !== fresh.body ? { body } : {}),
  };
  if (Object.keys(patch).length > 0) await forge.editIssue(fresh.number, patch);
  if (!hasIgnoredLabel(fresh))
    await forge.replaceLabels(
      fresh.number,
      fresh.labels.map((label) => label.id),
      [IGNORED_LABEL],
    );
  return succeeded(
    `Closed and labelled ${code(IGNORED_LABEL)}. Syncs keep this issue closed while ${id} stays in ${code(ctx.config.document)}; \`unignore\` reopens it.`,
  );
}

export async function runUnignore(ctx: CommandContext, id: string): Promise<CommandOutcome> {
  const { forge } = ctx.handle;
  const fresh = await forge.getIssue(ctx.payload.issue.number);
  const recorded = readState(fresh.body, id)?.closed?.reason === "ignored";
  const labelled = hasIgnoredLabel(fresh);
  if (!recorded && !labelled) return succeeded(`${id} is not ignored; nothing to do.`);

  const body = recorded ? setCloseRecord(fresh.body, null, id) : fresh.body;
  const patch = {
    ...(fresh.state === "open" ? {} : { state: "open" as const }),
    ...(body !== fresh.body ? { body } : {}),
  };
  if (Object.keys(patch).length > 0) await forge.editIssue(fresh.number, patch);
  if (labelled) {
    const keep = fresh.labels.filter((label) => label.name.toLowerCase() !== IGNORED_LABEL);
    await forge.replaceLabels(
      fresh.number,
      keep.map((label) => label.id),
      [],
    );
  }
  const result = await ctx.bot.sync(ctx.fullName);
  if (isHandedOver(result))
    return { ok: true, text: `Reopened and no longer ignored. ${HANDED_OVER_REPLY}` };
  return {
    ok: result.status.state === "success",
    text: `Reopened and no longer ignored; syncing resumed: ${untrusted(ctx, result.status.description)}.`,
  };
}
