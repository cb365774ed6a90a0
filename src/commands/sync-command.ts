/** `sync [--allow-close-all]`: a sync through the queue, and its summary. */
import type { Command } from "../core/commands/command.js";
import type { SyncDiagnostic } from "../core/issue-fields/types.js";
import { isHandedOver } from "../sync/sync-queue.js";
import type { CommandContext, CommandOutcome } from "./context.js";
import { commitLink, documentName, untrusted } from "./text.js";

/** Another replica holds the repository's lock (SPEC §10) and runs the sync when its own ends. */
export const HANDED_OVER_REPLY =
  "Another deferbot process is syncing this repository; it syncs again when it is done, and the commit status will show the outcome.";

/** Diagnostics listed in the reply; the rest are counted. */
const LISTED_DIAGNOSTICS = 5;

export async function runSync(ctx: CommandContext, command: Command): Promise<CommandOutcome> {
  const result = await ctx.bot.sync(
    ctx.fullName,
    command.flags.allowCloseAll ? { allowCloseAll: true } : {},
  );
  if (isHandedOver(result)) return { ok: true, text: HANDED_OVER_REPLY };
  const lines = [
    `Synced ${documentName(ctx)} at ${commitLink(ctx, result.sha)}: ${untrusted(ctx, result.status.description)}.`,
  ];
  const diagnostics = describeDiagnostics(ctx, result.diagnostics);
  if (diagnostics) lines.push(diagnostics);
  return { ok: result.status.state === "success", text: lines.join("\n\n") };
}

export function describeDiagnostics(
  ctx: CommandContext,
  diagnostics: readonly SyncDiagnostic[],
): string {
  if (diagnostics.length === 0) return "";
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const counts = [
    errors ? `${errors} error${errors === 1 ? "" : "s"}` : "",
    warnings ? `${warnings} warning${warnings === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  const listed = diagnostics
    .slice(0, LISTED_DIAGNOSTICS)
    .map((d) => `- line ${d.line} (${d.severity}): ${untrusted(ctx, d.message)}`);
  const more =
    diagnostics.length > LISTED_DIAGNOSTICS
      ? [`- … and ${diagnostics.length - LISTED_DIAGNOSTICS} more`]
      : [];
  return [`The document has ${counts.join(" and ")}:`, "", ...listed, ...more].join("\n");
}
