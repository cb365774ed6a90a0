/** Commit statuses. */
import {
  bodyObject,
  type HandlerContext,
  HttpError,
  json,
  optionalString,
  requireRepo,
  requireWrite,
} from "../http.js";
import { statusJson } from "../serialize.js";
import type { FakeStatus } from "../store.js";

const STATES = ["pending", "success", "error", "failure", "warning", "skipped"];

/** 201; an unknown sha is 500 (Gitea); the answer names the state `status`. */
export function createStatus(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  requireWrite(ctx, repo);
  const sha = ctx.params.sha ?? "";
  const commit = ctx.store.commitBySha(repo, sha);
  if (!commit) throw new HttpError(500, `object does not exist [id: ${sha}, rel_path: ]`);
  const body = bodyObject(ctx);
  const state = optionalString(body, "state") ?? "";
  if (!STATES.includes(state)) throw new HttpError(400, `invalid state: ${state}`);
  const status: FakeStatus = {
    id: ctx.store.nextId(),
    sha: commit.sha,
    state,
    context: optionalString(body, "context") || "default",
    description: optionalString(body, "description") ?? "",
    targetUrl: optionalString(body, "target_url") ?? "",
    creator: ctx.user.login,
    createdAt: ctx.store.now(),
  };
  repo.statuses.push(status);
  return json(201, statusJson(ctx.store, { root: ctx.rootUrl }, repo, status));
}

/** Statuses of a commit (sha or branch), newest first. */
export function listStatuses(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const ref = ctx.params.sha ?? ctx.params.ref ?? "";
  const commit = ctx.store.resolveRef(repo, ref);
  const statuses = repo.statuses.filter((status) => status.sha === commit?.sha).reverse();
  return json(
    200,
    statuses.map((status) => statusJson(ctx.store, { root: ctx.rootUrl }, repo, status)),
    { "X-Total-Count": String(statuses.length) },
  );
}
