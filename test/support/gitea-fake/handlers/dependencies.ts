/**
 * Issue dependencies, `…/issues/{index}/dependencies` (routers/api/v1/repo/issue_dependency.go,
 * models/issues/dependency.go): GET lists the issues `index` depends on, POST adds one and DELETE
 * removes one, the other issue named by `IssueMeta {owner, repo, index}`. Only same-repository
 * dependencies (`[service] ALLOW_CROSS_REPOSITORY_DEPENDENCIES` off, its default).
 */
import {
  bodyObject,
  type HandlerContext,
  HttpError,
  json,
  pageParams,
  requireRepo,
} from "../http.js";
import { issueJson } from "../serialize.js";
import { canWrite, type FakeIssue, type FakeRepo } from "../store.js";
import { internalError } from "./issue-fields.js";
import { findIssue } from "./labels.js";

const NOT_FOUND = "The target couldn't be found.";

/** Dependencies disabled for the repository: 404, like an issue that does not exist. */
function requireDependencies(repo: FakeRepo): void {
  if (repo.dependenciesEnabled === false) throw new HttpError(404, NOT_FOUND);
}

/** Blockers of `issue`, paged with `page`+`limit` and no X-Total-Count or Link header. */
export function listDependencies(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  requireDependencies(repo);
  const issue = findIssue(ctx, repo);
  const blockers = (issue.blockedBy ?? [])
    .map((number) => repo.issues.find((other) => other.number === number))
    .filter((other): other is FakeIssue => other !== undefined);
  const { page, limit } = pageParams(ctx);
  return json(
    200,
    blockers
      .slice((page - 1) * limit, page * limit)
      .map((blocker) => issueJson(ctx.store, { root: ctx.rootUrl }, repo, blocker)),
  );
}

/**
 * The issue in the path and the one the body names. Another repository (names compared as
 * Gitea does, case and all) is 400; either issue missing, dependencies off or no write access
 * on the issue in the path is 404.
 */
function pair(ctx: HandlerContext): { repo: FakeRepo; issue: FakeIssue; blocker: FakeIssue } {
  const repo = requireRepo(ctx);
  const issue = findIssue(ctx, repo);
  const body = bodyObject(ctx);
  if (body.owner !== repo.owner || body.repo !== repo.name) {
    throw new HttpError(400, "CrossRepositoryDependencies not enabled");
  }
  const blocker = repo.issues.find((other) => other.number === body.index);
  if (!blocker) throw new HttpError(404, NOT_FOUND);
  requireDependencies(repo);
  if (!canWrite(ctx.store.permissionOf(repo, ctx.user.login))) {
    throw new HttpError(404, NOT_FOUND);
  }
  return { repo, issue, blocker };
}

/**
 * 201 with the issue in the path. A dependency that exists already, or whose reverse exists
 * (Gitea checks only a cycle of two), is a 500 with no message outside development mode.
 */
export function createDependency(ctx: HandlerContext) {
  const { repo, issue, blocker } = pair(ctx);
  const blockedBy = issue.blockedBy ?? [];
  if (blockedBy.includes(blocker.number)) {
    throw internalError(ctx, "issue dependency does already exist");
  }
  if ((blocker.blockedBy ?? []).includes(issue.number)) {
    throw internalError(ctx, "circular dependencies exists (two issues blocking each other)");
  }
  issue.blockedBy = [...blockedBy, blocker.number];
  return json(201, issueJson(ctx.store, { root: ctx.rootUrl }, repo, issue));
}

/** 201 (not the swagger's 200) with the issue in the path; a dependency not there is a 500. */
export function removeDependency(ctx: HandlerContext) {
  const { repo, issue, blocker } = pair(ctx);
  const blockedBy = issue.blockedBy ?? [];
  if (!blockedBy.includes(blocker.number)) {
    throw internalError(ctx, "issue dependency does not exist");
  }
  issue.blockedBy = blockedBy.filter((number) => number !== blocker.number);
  return json(201, issueJson(ctx.store, { root: ctx.rootUrl }, repo, issue));
}
