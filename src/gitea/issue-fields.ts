/**
 * The port's issue fields (SPEC §8) in Gitea's terms and back, and Gitea's refusals of them said
 * plainly: the due date as a day, the clears Gitea wants, the 412 of a close and the 500 of an edit.
 */
import type { IssueFieldEdit } from "../port/forge.js";
import { GiteaError } from "./errors.js";
import type { GiteaIssueFields } from "./issues.js";

/**
 * The day of Gitea's `due_date`. Gitea keeps a due date as the last second of a day: of the
 * server's time zone when set in its UI, of the offset sent when set over the API (the bot sends
 * UTC, `dueDateOf`), and answers it in the server's zone. So the day is the one that ends at
 * that second: in the zone of the answer, else in UTC (a bot's date seen from a server east
 * of UTC), else, for a value set otherwise, the date as written.
 */
export function dueDay(due: string): string {
  const local = due.slice(0, 10);
  if (due.slice(11, 19) === END_OF_DAY || Number.isNaN(Date.parse(due))) return local;
  const utc = new Date(due).toISOString();
  return utc.slice(11, 19) === END_OF_DAY ? utc.slice(0, 10) : local;
}

const END_OF_DAY = "23:59:59";

/** `YYYY-MM-DD` as Gitea's RFC 3339 `due_date`: the end of that day in UTC, as Gitea stores it. */
function dueDateOf(day: string): string {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) {
    throw new Error(`a due date must be a day as YYYY-MM-DD, not "${day}"`);
  }
  return `${day}T${END_OF_DAY}Z`;
}

/** The port's fields in Gitea's terms (`EditIssueOption`); a kind absent is not sent. */
export function fieldsOf(edit: IssueFieldEdit): GiteaIssueFields {
  const fields: GiteaIssueFields = {};
  // Gitea's `assignees` replaces the whole set; `[]` clears it.
  if (edit.assignees !== undefined) fields.assignees = edit.assignees;
  // Clearing the due date is `unset_due_date: true`: a null `due_date` keeps it.
  if (edit.dueDate === null) fields.unset_due_date = true;
  else if (edit.dueDate !== undefined) fields.due_date = dueDateOf(edit.dueDate);
  // Clearing the milestone is `milestone: 0`.
  if (edit.milestone !== undefined) fields.milestone = edit.milestone ?? 0;
  return fields;
}

/** For a create (`CreateIssueOption`): nothing to clear, and no `unset_due_date` in it. */
export function createFieldsOf(edit: IssueFieldEdit): Omit<GiteaIssueFields, "unset_due_date"> {
  const { unset_due_date: _, ...fields } = fieldsOf({
    ...(edit.assignees?.length ? { assignees: edit.assignees } : {}),
    ...(edit.dueDate ? { dueDate: edit.dueDate } : {}),
    ...(edit.milestone ? { milestone: edit.milestone } : {}),
  });
  return fields;
}

/**
 * Gitea's 500 to an edit naming a user who may not be assigned or a milestone that is gone
 * (a create answers 422): said, as Gitea's message is empty outside development mode. It stays
 * a lost answer too (`answerLost`): Gitea may have applied the rest.
 */
export function fieldRefused(error: GiteaError): GiteaError {
  return restated(
    error,
    "Gitea answers so to an assignee without write access or a milestone that is gone",
  );
}

/** Gitea's 500 to a dependency whose reverse exists (it refuses a cycle of two), said. */
export function cycleRefused(number: number, blocker: number, error: GiteaError): GiteaError {
  return restated(
    error,
    `Gitea answers so when #${blocker} depends on #${number} (a cycle of two)`,
  );
}

/** The message of Gitea's 412 to a close while the issue still depends on open issues. */
export function dependenciesLeft(number: number, error: GiteaError): GiteaError {
  const meaning = `issue #${number} has open dependencies: remove them or close the issues it depends on`;
  // Instead of Gitea's own "cannot close this issue … because it still has open dependencies".
  return new GiteaError(error.status, error.method, error.path, meaning, { cause: error });
}

/** The same failure with what it means said after Gitea's own message (often empty). */
function restated(error: GiteaError, meaning: string): GiteaError {
  const message = error.giteaMessage ? `${error.giteaMessage}: ${meaning}` : meaning;
  return new GiteaError(error.status, error.method, error.path, message, { cause: error });
}
