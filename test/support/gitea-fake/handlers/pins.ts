/**
 * Pinned issues (Gitea 1.20+): pin and unpin answer 204; a pin beyond the repository's limit
 * (`[repository.issue] MAX_PINNED`, default 3) is refused with 403, and no pin is moved.
 * Issues and pull requests are counted apart, as `new_pin_allowed` answers them.
 */
import { type HandlerContext, HttpError, json, requireRepo, requireWrite } from "../http.js";
import { issueJson } from "../serialize.js";
import type { FakeIssue, FakeRepo } from "../store.js";
import { findIssue } from "./labels.js";

export const DEFAULT_MAX_PINNED = 3;

function pinned(repo: FakeRepo, pulls: boolean): FakeIssue[] {
  return repo.issues
    .filter((issue) => (issue.pinOrder ?? 0) > 0 && (issue.pull !== undefined) === pulls)
    .sort((a, b) => (a.pinOrder ?? 0) - (b.pinOrder ?? 0));
}

function allowed(repo: FakeRepo, pulls: boolean): boolean {
  return pinned(repo, pulls).length < (repo.maxPinned ?? DEFAULT_MAX_PINNED);
}

export function newPinAllowed(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  return json(200, { issues: allowed(repo, false), pull_requests: allowed(repo, true) });
}

export function listPinned(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  return json(
    200,
    pinned(repo, false).map((issue) => issueJson(ctx.store, { root: ctx.rootUrl }, repo, issue)),
  );
}

export function pinIssue(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  requireWrite(ctx, repo);
  const issue = findIssue(ctx, repo);
  if ((issue.pinOrder ?? 0) > 0) return json(204, undefined);
  const pulls = issue.pull !== undefined;
  if (!allowed(repo, pulls)) {
    throw new HttpError(403, "the max number of pinned issues has been reached");
  }
  issue.pinOrder = pinned(repo, pulls).length + 1;
  return json(204, undefined);
}

export function unpinIssue(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  requireWrite(ctx, repo);
  const issue = findIssue(ctx, repo);
  const order = issue.pinOrder ?? 0;
  if (order === 0) return json(204, undefined);
  issue.pinOrder = 0;
  // The pins after it move up one place, as Gitea's Unpin does.
  for (const other of pinned(repo, issue.pull !== undefined))
    if ((other.pinOrder ?? 0) > order) other.pinOrder = (other.pinOrder ?? 0) - 1;
  return json(204, undefined);
}
