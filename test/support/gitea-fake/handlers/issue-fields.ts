/**
 * The issue fields of a create and an edit (`due_date`, `unset_due_date`, `assignees`,
 * `milestone`) and the close check, as Gitea 1.25 applies them (routers/api/v1/repo/issue.go
 * CreateIssue/EditIssue, services/issue). Each needs write access and is ignored without it.
 */
import { type HandlerContext, HttpError } from "../http.js";
import { canWrite, type FakeIssue, type FakeRepo } from "../store.js";

/** Gitea's answer to a 500 outside development mode: the text only for a site admin. */
export function internalError(ctx: HandlerContext, text: string): HttpError {
  return new HttpError(500, ctx.user.isAdmin ? text : "");
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** A JSON `time.Time`: RFC 3339 or the bind fails (422). */
function parseTime(value: unknown): { instant: Date; day: string; offset: string } | undefined {
  if (value === undefined || value === null) return undefined;
  const match = typeof value === "string" ? RFC3339.exec(value) : null;
  const instant = match ? new Date(value as string) : new Date(Number.NaN);
  if (!match || Number.isNaN(instant.getTime())) {
    throw new HttpError(422, `[Deadline]: parsing time ${JSON.stringify(value)} as RFC 3339`);
  }
  const [, y, m, d, , , , zone = "Z"] = match;
  return { instant, day: `${y}-${m}-${d}`, offset: zone.toUpperCase() === "Z" ? "Z" : zone };
}

/** What Gitea answers: the stored second in the server's zone, here UTC. */
function rfc3339(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Go's zero time (`0001-01-01T00:00:00Z`) clears a deadline. */
function isZero(instant: Date): boolean {
  return instant.toISOString() === "0001-01-01T00:00:00.000Z";
}

function loginsOf(body: Record<string, unknown>): string[] | undefined {
  const list = body.assignees;
  const one = body.assignee;
  if ((list === undefined || list === null) && (one === undefined || one === null || one === "")) {
    return undefined;
  }
  if (list !== undefined && list !== null) {
    if (!Array.isArray(list) || !list.every((login) => typeof login === "string")) {
      throw new HttpError(422, "[Assignees]: cannot unmarshal into Go value of type []string");
    }
  }
  if (one !== undefined && one !== null && typeof one !== "string") {
    throw new HttpError(422, "[Assignee]: cannot unmarshal into Go value of type string");
  }
  const all = [...((list as string[] | null | undefined) ?? []), ...(one ? [one as string] : [])];
  return [...new Set(all)];
}

/** The users' logins as Gitea spells them; unknown or not assignable: `refuse`. */
function assignable(
  ctx: HandlerContext,
  repo: FakeRepo,
  logins: string[],
  refuse: (text: string) => HttpError,
): string[] {
  return logins.map((login) => {
    const user = ctx.store.user(login);
    if (!user)
      throw refuse(`Assignee does not exist: [name: user does not exist [name: ${login}]]`);
    // access_model.CanBeAssigned: write access (site admins have it).
    if (!canWrite(ctx.store.permissionOf(repo, user.login))) {
      throw refuse(
        `user does not have access to repo [user_id: ${user.id}, repo_name: ${repo.name}]`,
      );
    }
    return user.login;
  });
}

function milestoneOf(repo: FakeRepo, id: number) {
  const found = (repo.milestones ?? []).find((milestone) => milestone.id === id);
  return found ? { id: found.id, title: found.title } : undefined;
}

function milestoneId(body: Record<string, unknown>): number | undefined {
  const value = body.milestone;
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value)) {
    throw new HttpError(422, "[Milestone]: cannot unmarshal into Go value of type int64");
  }
  return value as number;
}

/**
 * A create's fields: the due date is stored as the instant sent; an unknown or unassignable
 * assignee is 422; an unknown milestone is dropped silently. Without write access all are dropped.
 */
export function createFields(
  ctx: HandlerContext,
  repo: FakeRepo,
  body: Record<string, unknown>,
): Pick<FakeIssue, "assignees" | "dueDate" | "milestone"> {
  const due = parseTime(body.due_date);
  const logins = loginsOf(body);
  const milestone = milestoneId(body);
  if (!canWrite(ctx.store.permissionOf(repo, ctx.user.login))) return {};
  const refuse = (text: string) => new HttpError(422, text);
  return {
    ...(logins ? { assignees: assignable(ctx, repo, logins, refuse) } : {}),
    ...(due ? { dueDate: rfc3339(due.instant) } : {}),
    ...(milestone ? { milestone: milestoneOf(repo, milestone) ?? null } : {}),
  };
}

/**
 * An edit's fields, applied in Gitea's order. The due date becomes 23:59:59 of its day in the
 * offset sent (zero time or `unset_due_date` clears it; `unset_due_date: false` without a date
 * is 400). Assignees replace the set; an unknown or unassignable one is 500 here. A milestone
 * ID of 0 clears it, an unknown one is 500.
 */
export function applyEditFields(
  ctx: HandlerContext,
  repo: FakeRepo,
  issue: FakeIssue,
  body: Record<string, unknown>,
): void {
  const due = parseTime(body.due_date);
  const unset = body.unset_due_date;
  const logins = loginsOf(body);
  const milestone = milestoneId(body);
  if (!canWrite(ctx.store.permissionOf(repo, ctx.user.login))) return;
  if (due !== undefined || (unset !== undefined && unset !== null)) {
    if (unset !== true) {
      if (!due) throw new HttpError(400, "The due_date cannot be empty");
      issue.dueDate = isZero(due.instant)
        ? null
        : rfc3339(new Date(`${due.day}T23:59:59${due.offset}`));
    } else {
      issue.dueDate = null;
    }
  }
  if (logins) {
    issue.assignees = assignable(ctx, repo, logins, (text) => internalError(ctx, text));
  }
  if (milestone !== undefined && milestone !== (issue.milestone?.id ?? 0)) {
    if (milestone === 0) issue.milestone = null;
    else {
      const found = milestoneOf(repo, milestone);
      if (!found) throw internalError(ctx, "HasMilestoneByRepoID: issue doesn't exist");
      issue.milestone = found;
    }
  }
}

/** `ErrDependenciesLeft`: an issue that depends on an open issue is not closed (412). */
export function refuseCloseWithOpenDependencies(repo: FakeRepo, issue: FakeIssue): void {
  const open = (issue.blockedBy ?? []).some(
    (number) => repo.issues.find((other) => other.number === number)?.state === "open",
  );
  if (open) {
    throw new HttpError(
      412,
      "cannot close this issue or pull request because it still has open dependencies",
    );
  }
}
