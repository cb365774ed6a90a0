/** Pull requests (stored as issues, sharing Gitea's issue numbering). */
import {
  bodyObject,
  type HandlerContext,
  HttpError,
  json,
  optionalString,
  paged,
  requiredString,
  requireRepo,
  requireWrite,
} from "../http.js";
import { pullJson } from "../serialize.js";
import type { FakeIssue } from "../store.js";

export function listPulls(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const state = ctx.query.get("state") ?? "open";
  const pulls = repo.issues
    .filter((issue) => issue.pull && (state === "all" || issue.state === state))
    .sort((a, b) => b.id - a.id);
  return paged(
    ctx,
    pulls,
    (issue) => pullJson(ctx.store, { root: ctx.rootUrl }, repo, issue),
    true,
  );
}

/** 201; an open PR for the same head and base already exists → 409 (GitHub says 422). */
export function createPull(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  requireWrite(ctx, repo);
  const body = bodyObject(ctx);
  const head = requiredString(body, "head");
  const base = requiredString(body, "base");
  const headSha = repo.branches.get(head);
  const baseSha = repo.branches.get(base);
  if (headSha === undefined || baseSha === undefined) {
    throw new HttpError(
      404,
      `branch does not exist [name: ${headSha === undefined ? head : base}]`,
    );
  }
  const existing = repo.issues.find(
    (issue) =>
      issue.pull && issue.state === "open" && issue.pull.head === head && issue.pull.base === base,
  );
  if (existing) {
    throw new HttpError(
      409,
      `pull request already exists for these targets [id: ${existing.id}, issue_id: ${existing.id}, head_repo_id: ${repo.id}, base_repo_id: ${repo.id}, head_branch: ${head}, base_branch: ${base}]`,
    );
  }
  if (headSha === baseSha)
    throw new HttpError(422, "There are no changes between the head and the base");
  const now = ctx.store.now();
  const issue: FakeIssue = {
    id: ctx.store.nextId(),
    number: repo.nextIndex++,
    title: requiredString(body, "title"),
    body: optionalString(body, "body") ?? "",
    state: "open",
    labelIds: [],
    author: ctx.user.login,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    pull: { head, base, headSha, baseSha, merged: false },
  };
  repo.issues.push(issue);
  return json(201, pullJson(ctx.store, { root: ctx.rootUrl }, repo, issue));
}

/** One pull request by index; an issue that is no pull request answers 404 as in Gitea. */
export function getPull(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const index = Number(ctx.params.index);
  const issue = repo.issues.find((candidate) => candidate.number === index && candidate.pull);
  if (!issue) throw new HttpError(404, "pull request does not exist");
  return json(200, pullJson(ctx.store, { root: ctx.rootUrl }, repo, issue));
}
