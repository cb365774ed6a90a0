/** The outcome of one `deferbot action` run: its exit code, the problem lines, the summary. */
import type { LogRecord, RecordedSync } from "./recorders.js";

export interface ActionOutcomeInput {
  eventName: string;
  /** The delivery id the event was received under. */
  delivery: string;
  records: readonly LogRecord[];
  syncs: readonly RecordedSync[];
  /** Delivery work that threw, and a failure of the routing itself. */
  workFailures: readonly string[];
  /** Log records at error level: failures the handlers logged and went on from. */
  loggedErrors: readonly LogRecord[];
}

export interface ActionOutcome {
  eventName: string;
  repo: string | null;
  /** `queued`, `ignored`, or `none` when the app logged no outcome for the delivery. */
  routed: string;
  reason: string | null;
  syncs: readonly RecordedSync[];
  commands: { issue: number | null; list: { name: string; ok: boolean }[] } | null;
  /** Issue numbers the review flow commented on. */
  suggestedResolve: number[];
  /** One line each, for stderr. */
  problems: string[];
  exitCode: number;
}

export function outcomeOf(input: ActionOutcomeInput): ActionOutcome {
  const routedRecord = input.records.find(
    (record) => record.delivery === input.delivery && typeof record.outcome === "string",
  );
  const reason = stringField(routedRecord, "reason");
  const routed = stringField(routedRecord, "outcome") ?? "none";
  const commandsRecord = input.records.find((record) => record.msg === "commands handled");
  const commands = commandsRecord
    ? {
        issue: numberField(commandsRecord, "issue"),
        list: Array.isArray(commandsRecord.commands)
          ? (commandsRecord.commands as { name: string; ok: boolean }[])
          : [],
      }
    : null;
  const suggestedResolve = input.records
    .filter((record) => record.msg === "all steps ticked: suggested resolve")
    .flatMap((record) => {
      const issue = numberField(record, "issue");
      return issue === null ? [] : [issue];
    });

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
  // One line per distinct failure: a sync that throws is logged by the bot, then by the work.
  const seen = new Set<string | undefined>();
  const logged = input.loggedErrors.flatMap((record) => {
    const key = errorDetail(record) ?? record.msg;
    if (seen.has(key)) return [];
    seen.add(key);
    return [describeRecord(record)];
  });
  problems.push(...logged);
  if (logged.length === 0) problems.push(...input.workFailures);
  if (logged.length > 0 || input.workFailures.length > 0) raise(3);
  for (const sync of input.syncs) {
    if (sync.state === "success") continue;
    const line = `${sync.repo}: ${sync.description}`;
    if (!problems.some((problem) => problem.includes(sync.description))) problems.push(line);
    raise(sync.state === "failure" ? 1 : 3);
  }

  return {
    eventName: input.eventName,
    repo: stringField(routedRecord, "repo"),
    routed,
    reason,
    syncs: input.syncs,
    commands,
    suggestedResolve,
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
  lines.push(`  exit ${outcome.exitCode}`);
  return `${lines.join("\n")}\n`;
}

function describeRecord(record: LogRecord): string {
  const detail = errorDetail(record);
  return detail ? `${record.msg ?? "error"}: ${detail}` : (record.msg ?? "error");
}

function errorDetail(record: LogRecord): string | null {
  const err = record.err;
  if (typeof err === "string") return err;
  return typeof err === "object" && err !== null && "message" in err ? String(err.message) : null;
}

function stringField(record: LogRecord | undefined, key: string): string | null {
  const value = record?.[key];
  return typeof value === "string" ? value : null;
}

function numberField(record: LogRecord | undefined, key: string): number | null {
  const value = record?.[key];
  return typeof value === "number" ? value : null;
}
