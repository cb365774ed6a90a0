/** Issue comments and reactions. */
import {
  bodyObject,
  type HandlerContext,
  HttpError,
  json,
  pathNumber,
  requiredString,
  requireRepo,
} from "../http.js";
import { commentJson, userJson } from "../serialize.js";
import { canWrite, type FakeComment, type FakeReaction, type FakeRepo } from "../store.js";
import { findIssue } from "./labels.js";

/** All comments of an issue, oldest first: no page/limit, no Link, X-Total-Count only. */
export function listComments(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const issue = findIssue(ctx, repo);
  const comments = repo.comments.filter((comment) => comment.issueNumber === issue.number);
  return json(
    200,
    comments.map((comment) => commentJson(ctx.store, { root: ctx.rootUrl }, repo, comment)),
    { "X-Total-Count": String(comments.length) },
  );
}

/** An unknown issue index answers 500, not 404 (issue_comment.go). */
export function createComment(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const number = pathNumber(ctx, "index");
  const issue = repo.issues.find((candidate) => candidate.number === number);
  if (!issue)
    throw new HttpError(500, `issue does not exist [id: 0, repo_id: ${repo.id}, index: ${number}]`);
  const body = requiredString(bodyObject(ctx), "body");
  const now = ctx.store.now();
  const comment: FakeComment = {
    id: ctx.store.nextId(),
    issueNumber: issue.number,
    body,
    author: ctx.user.login,
    createdAt: now,
    updatedAt: now,
  };
  repo.comments.push(comment);
  issue.updatedAt = now;
  return json(201, commentJson(ctx.store, { root: ctx.rootUrl }, repo, comment));
}

function findComment(ctx: HandlerContext, repo: FakeRepo): FakeComment {
  const id = pathNumber(ctx, "id");
  const comment = repo.comments.find((candidate) => candidate.id === id);
  if (!comment) throw new HttpError(404, "The target couldn't be found.");
  return comment;
}

export function getComment(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  return json(200, commentJson(ctx.store, { root: ctx.rootUrl }, repo, findComment(ctx, repo)));
}

/** Answers 200 (unlike the issue PATCH). */
export function editComment(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const comment = findComment(ctx, repo);
  const own = comment.author.toLowerCase() === ctx.user.login.toLowerCase();
  if (!own && !canWrite(ctx.store.permissionOf(repo, ctx.user.login))) {
    throw new HttpError(403, "user should have permission to edit comment");
  }
  comment.body = requiredString(bodyObject(ctx), "body");
  comment.updatedAt = ctx.store.now();
  return json(200, commentJson(ctx.store, { root: ctx.rootUrl }, repo, comment));
}

/** `[ui] REACTIONS` default; anything else is 403. */
export const ALLOWED_REACTIONS = [
  "+1",
  "-1",
  "laugh",
  "hooray",
  "confused",
  "heart",
  "rocket",
  "eyes",
];

function react(
  ctx: HandlerContext,
  repo: FakeRepo,
  target: Pick<FakeReaction, "commentId" | "issueNumber">,
) {
  const content = requiredString(bodyObject(ctx), "content");
  if (!ALLOWED_REACTIONS.includes(content)) {
    throw new HttpError(403, `'${content}' is not an allowed reaction`);
  }
  const existing = repo.reactions.find(
    (reaction) =>
      reaction.commentId === target.commentId &&
      reaction.issueNumber === target.issueNumber &&
      reaction.user.toLowerCase() === ctx.user.login.toLowerCase() &&
      reaction.content === content,
  );
  const reaction = existing ?? {
    ...target,
    user: ctx.user.login,
    content,
    createdAt: ctx.store.now(),
  };
  if (!existing) repo.reactions.push(reaction);
  // 201 for a new reaction, 200 when it already existed; no `id` in the answer.
  return json(existing ? 200 : 201, {
    user: userJson({ root: ctx.rootUrl }, ctx.user, ctx.user.login),
    content,
    created_at: reaction.createdAt,
  });
}

export function createCommentReaction(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const comment = findComment(ctx, repo);
  return react(ctx, repo, { commentId: comment.id, issueNumber: undefined });
}

export function createIssueReaction(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const issue = findIssue(ctx, repo);
  return react(ctx, repo, { commentId: undefined, issueNumber: issue.number });
}
