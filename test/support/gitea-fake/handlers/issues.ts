/** Issues: list, get, create, edit. */
import {
  bodyObject,
  type HandlerContext,
  HttpError,
  json,
  optionalString,
  paged,
  requireRepo,
} from "../http.js";
import { issueJson } from "../serialize.js";
import { canWrite, type FakeIssue } from "../store.js";
import { applyEditFields, createFields, refuseCloseWithOpenDependencies } from "./issue-fields.js";
import { findIssue } from "./labels.js";

/**
 * Gitea's issue search: state (default open), type, created_by (unknown user → 404), labels
 * (names, AND; unknown names dropped, and if none is known the filter disappears), q. Newest
 * created first, no sort parameter. Link + X-Total-Count.
 */
export function listIssues(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const state = ctx.query.get("state") ?? "open";
  const type = ctx.query.get("type");
  const createdBy = ctx.query.get("created_by");
  if (createdBy && !ctx.store.user(createdBy)) {
    throw new HttpError(404, `user redirect does not exist [name: ${createdBy}]`);
  }
  const labelNames = (ctx.query.get("labels") ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const labelFilter = labelNames
    .map((name) => repo.labels.filter((label) => label.name === name).map((label) => label.id))
    .filter((ids) => ids.length > 0);
  const q = (ctx.query.get("q") ?? "").toLowerCase();
  const matches = repo.issues.filter((issue) => {
    if (state !== "all" && issue.state !== state) return false;
    if (type === "issues" && issue.pull) return false;
    if (type === "pulls" && !issue.pull) return false;
    if (createdBy && issue.author.toLowerCase() !== createdBy.toLowerCase()) return false;
    if (!labelFilter.every((ids) => ids.some((id) => issue.labelIds.includes(id)))) return false;
    if (q && !`${issue.title}\n${issue.body}`.toLowerCase().includes(q)) return false;
    return true;
  });
  const newestFirst = matches.sort((a, b) => b.id - a.id);
  return paged(
    ctx,
    newestFirst,
    (issue) => issueJson(ctx.store, { root: ctx.rootUrl }, repo, issue),
    true,
  );
}

export function getIssue(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  return json(200, issueJson(ctx.store, { root: ctx.rootUrl }, repo, findIssue(ctx, repo)));
}

/**
 * `labels` must be integer IDs (a string fails JSON binding: 422). Unknown IDs are dropped, and
 * labels (like the fields, issue-fields.ts) are dropped entirely when the caller lacks write access.
 */
export function createIssue(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const body = bodyObject(ctx);
  const title = optionalString(body, "title");
  if (!title) throw new HttpError(422, "[Title]: Required");
  const labels = body.labels ?? [];
  if (!Array.isArray(labels) || !labels.every((id) => Number.isInteger(id))) {
    throw new HttpError(422, "[Labels]: cannot unmarshal string into Go value of type int64");
  }
  const writer = canWrite(ctx.store.permissionOf(repo, ctx.user.login));
  const fields = createFields(ctx, repo, body);
  const now = ctx.store.now();
  const closed = body.closed === true;
  const issue: FakeIssue = {
    id: ctx.store.nextId(),
    number: repo.nextIndex++,
    title,
    body: optionalString(body, "body") ?? "",
    state: closed ? "closed" : "open",
    labelIds: writer ? repo.labels.filter((l) => labels.includes(l.id)).map((l) => l.id) : [],
    author: ctx.user.login,
    createdAt: now,
    updatedAt: now,
    closedAt: closed ? now : null,
    pull: undefined,
    ...fields,
  };
  repo.issues.push(issue);
  return json(201, issueJson(ctx.store, { root: ctx.rootUrl }, repo, issue));
}

/**
 * PATCH answers 201 (not 200). Empty title = unchanged; a state other than open/closed is 412,
 * and so is a close while the issue depends on an open issue (the other changes stay written).
 */
export function editIssue(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const issue = findIssue(ctx, repo);
  const permission = ctx.store.permissionOf(repo, ctx.user.login);
  if (!canWrite(permission) && issue.author.toLowerCase() !== ctx.user.login.toLowerCase()) {
    throw new HttpError(403, "user should have permission to edit issue");
  }
  const body = bodyObject(ctx);
  const title = optionalString(body, "title");
  const text = optionalString(body, "body");
  const state = optionalString(body, "state");
  if (state !== undefined && state !== "open" && state !== "closed") {
    throw new HttpError(412, `unknown state: ${state}`);
  }
  const now = ctx.store.now();
  if (title) issue.title = title;
  if (text !== undefined) issue.body = text;
  issue.updatedAt = now;
  applyEditFields(ctx, repo, issue, body);
  if (state === "closed" && issue.state === "open") refuseCloseWithOpenDependencies(repo, issue);
  if (state && state !== issue.state) {
    issue.state = state;
    issue.closedAt = state === "closed" ? now : null;
  }
  return json(201, issueJson(ctx.store, { root: ctx.rootUrl }, repo, issue));
}
