/** The outcome of one `deferbot action` run, from the bot's events: its exit code, the problem lines, the summary. */
import { exitCodeOf, failureLine } from "../cli/failure.js";
import type { DeferbotEvent } from "../service/events.js";
import { FULL_SYNC_EVENTS } from "./read-event.js";
import { messageOf } from "./recorders.js";
import { type SyncCounts, syncCounts } from "./sync-counts.js";

export interface ActionOutcomeInput {
  eventName: string;
  /** The delivery id the event was received under. */
  delivery: string;
  events: readonly DeferbotEvent[];
  /** Delivery work that threw. */
  workFailures: readonly string[];
  /** A failure of the routing itself (Probot's `receive` threw). */
  receiveFailure: string | null;
}

export interface RecordedSync {
  repo: string;
  sha: string | null;
  state: "success" | "failure" | "error";
  description: string;
  /** The issues it wrote (none for a sync that threw). */
  counts?: SyncCounts;
}

export type RecordedPreview = Extract<DeferbotEvent, { type: "preview-published" }>;

export interface ActionOutcome {
  eventName: string;
  repo: string | null;
  /** `queued`, `ignored`, `full sync` (schedule, workflow_dispatch), or `none` when the app routed no delivery. */
  routed: string;
  reason: string | null;
  syncs: readonly RecordedSync[];
  commands: { issue: number | null; list: { name: string; ok: boolean }[] } | null;
  /** Issue numbers the review flow commented on. */
  suggestedResolve: number[];
  /** The pull request previews published (SPEC §4). */
  previews: RecordedPreview[];
  /** One line each, for stderr. */
  problems: string[];
  exitCode: number;
}

export function outcomeOf(input: ActionOutcomeInput): ActionOutcome {
  const { events } = input;
  const routedEvent = events.find(
    (event) => event.type === "delivery-routed" && event.delivery === input.delivery,
  );
  const routing = routedEvent?.type === "delivery-routed" ? routedEvent : null;
  const reason = routing?.reason ?? null;
  const routed =
    routing?.outcome ?? (FULL_SYNC_EVENTS.includes(input.eventName) ? "full sync" : "none");

  const syncs: RecordedSync[] = [];
  const commandsHandled: Extract<DeferbotEvent, { type: "commands-handled" }>[] = [];
  const suggestedResolve: number[] = [];
  const previews: RecordedPreview[] = [];
  // Failures the handlers went on from, with the message they are told apart by.
  const failures: { key: string; line: string; code?: number }[] = [];
  for (const event of events) {
    if (event.type === "sync-finished")
      syncs.push({
        repo: event.repo,
        sha: event.result.sha,
        ...event.result.status,
        counts: syncCounts(event.result.outcomes),
      });
    else if (event.type === "sync-failed") {
      const message = messageOf(event.error);
      syncs.push({
        repo: event.repo,
        sha: event.request.sha ?? null,
        state: "error",
        description: failureLine(event.error),
      });
      failures.push({
        key: message,
        line: `sync failed: ${failureLine(event.error)}`,
        code: exitCodeOf(event.error),
      });
    } else if (event.type === "commands-handled") {
      commandsHandled.push(event);
      for (const command of event.commands)
        if (command.error !== undefined)
          failures.push({ key: command.error, line: `command failed: ${command.error}` });
      if (event.replyError !== undefined)
        failures.push({
          key: event.replyError,
          line: `could not reply to the command comment: ${event.replyError}`,
        });
    } else if (event.type === "resolve-suggested") suggestedResolve.push(event.issue);
    else if (event.type === "preview-published") previews.push(event);
  }
  for (const failure of input.workFailures)
    failures.push({ key: failure, line: `delivery work failed: ${failure}` });
  const handled = commandsHandled[0];
  const commands = handled
    ? {
        issue: handled.issue,
        list: handled.commands.map(({ name, ok }) => ({ name, ok })),
      }
    : null;

  const problems: string[] = [];
  let exitCode = 0;
  const raise = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };

  if (routed === "ignored" && reason?.startsWith("invalid payload")) {
    problems.push(
      `the event file does not hold a ${input.eventName} payload deferbot can read (${reason})`,
    );
    raise(2);
  }
  // One line per distinct failure: a sync that throws fails its delivery's work too.
  const seen = new Set<string>();
  for (const failure of failures) {
    if (seen.has(failure.key)) continue;
    seen.add(failure.key);
    problems.push(failure.line);
  }
  if (failures.length === 0 && input.receiveFailure !== null) problems.push(input.receiveFailure);
  for (const failure of failures) raise(failure.code ?? 3);
  if (input.receiveFailure !== null) raise(3);
  // A preview's failure is the head document's or configuration's error, as a sync's.
  for (const preview of previews) {
    if (preview.state === "success") continue;
    problems.push(`${preview.repo}#${preview.pull}: ${preview.description}`);
    raise(preview.state === "failure" ? 1 : 3);
  }
  for (const sync of syncs) {
    if (sync.state === "success") continue;
    const line = `${sync.repo}: ${sync.description}`;
    if (!problems.some((problem) => problem.includes(sync.description))) problems.push(line);
    raise(sync.state === "failure" ? 1 : 3);
  }

  return {
    eventName: input.eventName,
    repo: routing?.repo ?? syncs[0]?.repo ?? null,
    routed,
    reason,
    syncs,
    commands,
    suggestedResolve,
    previews,
    problems,
    exitCode,
  };
}

export function formatSummary(outcome: ActionOutcome): string {
  const where = outcome.repo ? ` on ${outcome.repo}` : "";
  const why = outcome.reason ? ` (${outcome.reason})` : "";
  const lines = [`deferbot action: ${outcome.eventName}${where}: ${outcome.routed}${why}`];
  for (const sync of outcome.syncs) {
    const at = sync.sha ? ` at ${sync.sha.slice(0, 12)}` : "";
    lines.push(`  sync ${sync.repo}${at}: ${sync.state}: ${sync.description}`);
  }
  if (outcome.commands) {
    const on = outcome.commands.issue === null ? "" : ` on #${outcome.commands.issue}`;
    const list = outcome.commands.list
      .map((command) => `${command.name} (${command.ok ? "ok" : "not done"})`)
      .join(", ");
    lines.push(`  commands${on}: ${list || "none"}`);
  }
  for (const issue of outcome.suggestedResolve) lines.push(`  suggested resolve on #${issue}`);
  for (const preview of outcome.previews)
    lines.push(
      `  preview #${preview.pull} at ${preview.sha.slice(0, 12)}: ${preview.state}: ${preview.description} (comment ${preview.comment})`,
    );
  lines.push(`  exit ${outcome.exitCode}`);
  return `${lines.join("\n")}\n`;
}
