/**
 * `status`: where the finding is in the document at the default branch's head, whether the issue
 * shows it as it is there, the checklist progress, and the last sync this process ran.
 */
import { parseIssueBody } from "../core/issue/parse-issue-body.js";
import type { BotState } from "../core/issue/types.js";
import type { CommandContext, CommandOutcome } from "./context.js";
import { readAtHead, shortSha, unreadableReason } from "./context.js";
import { commitLink, documentName, linesLink, untrusted } from "./text.js";

export async function runStatus(ctx: CommandContext, id: string): Promise<CommandOutcome> {
  const issue = await ctx.handle.forge.getIssue(ctx.payload.issue.number);
  const parsed = parseIssueBody(issue.body, id);
  const at = await readAtHead(ctx);
  const why = unreadableReason(at);
  const finding = at.kind === "found" ? at.findings.find((f) => f.id === id) : undefined;
  const lines: string[] = [];

  if (finding) {
    const { startLine, endLine } = finding.span;
    lines.push(
      `- **Document:** ${id} is in ${documentName(ctx)} at ${linesLink(ctx, at.sha, startLine, endLine)}, commit ${commitLink(ctx, at.sha)}.`,
    );
    const inDate = parsed.state?.hash === finding.hash && parsed.status === "ok";
    lines.push(
      inDate
        ? "- **Issue:** shows the finding as it is in the document."
        : "- **Issue:** differs from the document; the next sync or `refresh` rewrites it.",
    );
  } else if (why === null) {
    lines.push(
      `- **Document:** ${id} is not in ${documentName(ctx)} at ${commitLink(ctx, at.sha)}.`,
    );
  } else {
    lines.push(
      `- **Document:** ${documentName(ctx)} cannot be read at ${commitLink(ctx, at.sha)}: ${why}.`,
    );
  }

  const ticked = parsed.steps.filter((step) => step.checked).length;
  lines.push(
    parsed.steps.length === 0
      ? "- **Checklist:** no steps."
      : `- **Checklist:** ${ticked} of ${parsed.steps.length} steps ticked.`,
  );
  lines.push(`- **State:** ${issue.state}${closeNote(issue.state, parsed.state)}.`);

  const last = ctx.bot.lastSync(ctx.fullName);
  lines.push(
    last
      ? `- **Last sync:** ${last.state} at ${commitLink(ctx, last.sha)} (${last.at.toISOString()}): ${untrusted(ctx, last.description)}.`
      : "- **Last sync:** none since the bot started.",
  );
  return { ok: true, text: lines.join("\n") };
}

function closeNote(state: "open" | "closed", bot: BotState | null): string {
  if (state !== "closed") return "";
  const record = bot?.closed;
  if (!record) return ", closed by a person";
  if (record.reason === "ignored") return ", ignored (`unignore` reopens it)";
  if (record.reason === "twin") return `, closed as a duplicate of #${record.twinOf ?? "?"}`;
  return `, closed by deferbot because the finding was removed${record.sha ? ` in ${shortSha(record.sha)}` : ""}`;
}
