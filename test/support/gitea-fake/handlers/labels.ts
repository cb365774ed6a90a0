/** Repository labels and issue labels. */
import {
  bodyObject,
  type HandlerContext,
  HttpError,
  json,
  optionalString,
  paged,
  pathNumber,
  requireRepo,
  requireWrite,
} from "../http.js";
import { labelJson } from "../serialize.js";
import type { FakeIssue, FakeLabel, FakeRepo } from "../store.js";

/** Sorted by name (Gitea's default label order); X-Total-Count but NO Link header. */
export function listLabels(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const sorted = [...repo.labels].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id,
  );
  return paged(ctx, sorted, (label) => labelJson({ root: ctx.rootUrl }, repo, label), false);
}

/** `#rgb`, `rgb`, `#rrggbb` or `rrggbb`, any case → `rrggbb` (modules/label/label.go). */
export function normaliseColor(raw: string): string | undefined {
  const hex = raw.trim().replace(/^#/, "").toLowerCase();
  if (/^[0-9a-f]{6}$/.test(hex)) return hex;
  if (/^[0-9a-f]{3}$/.test(hex)) return [...hex].map((c) => c + c).join("");
  return undefined;
}

/** Duplicate names are accepted: Gitea has no unique index on label names. */
export function createLabel(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  requireWrite(ctx, repo);
  const body = bodyObject(ctx);
  const name = optionalString(body, "name");
  if (!name) throw new HttpError(422, "[Name]: Required");
  const color = normaliseColor(optionalString(body, "color") ?? "");
  if (!color) throw new HttpError(422, "invalid color");
  const label: FakeLabel = {
    id: ctx.store.nextId(),
    name,
    color,
    description: optionalString(body, "description") ?? "",
    exclusive: body.exclusive === true,
    isArchived: body.is_archived === true,
  };
  repo.labels.push(label);
  return json(201, labelJson({ root: ctx.rootUrl }, repo, label));
}

export function findIssue(ctx: HandlerContext, repo: FakeRepo): FakeIssue {
  const number = pathNumber(ctx, "index");
  const issue = repo.issues.find((candidate) => candidate.number === number);
  if (!issue) throw new HttpError(404, "The target couldn't be found.");
  return issue;
}

/**
 * `{labels: [...]}`: all IDs or all names (since 1.22); a mix is 400. Unknown IDs and names are
 * silently dropped; a name matches every label with that name (duplicates included).
 */
function labelIdsFromBody(ctx: HandlerContext, repo: FakeRepo): number[] {
  const labels = bodyObject(ctx).labels ?? [];
  if (!Array.isArray(labels)) throw new HttpError(422, "[Labels]: must be an array");
  const numbers = labels.filter((entry) => typeof entry === "number");
  const strings = labels.filter((entry) => typeof entry === "string");
  if (numbers.length + strings.length !== labels.length) {
    throw new HttpError(422, "[Labels]: invalid entries");
  }
  if (numbers.length > 0 && strings.length > 0) {
    throw new HttpError(400, "labels should be an array of strings or integers");
  }
  const ids = new Set<number>();
  for (const label of repo.labels) {
    if (numbers.includes(label.id) || strings.includes(label.name)) ids.add(label.id);
  }
  return [...ids];
}

function issueLabels(ctx: HandlerContext, repo: FakeRepo, issue: FakeIssue) {
  const labels = issue.labelIds
    .map((id) => repo.labels.find((label) => label.id === id))
    .filter((label): label is FakeLabel => label !== undefined)
    .map((label) => labelJson({ root: ctx.rootUrl }, repo, label));
  return json(200, labels);
}

export function addIssueLabels(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const issue = findIssue(ctx, repo);
  requireWrite(ctx, repo);
  for (const id of labelIdsFromBody(ctx, repo)) {
    if (!issue.labelIds.includes(id)) issue.labelIds.push(id);
  }
  issue.updatedAt = ctx.store.now();
  return issueLabels(ctx, repo, issue);
}

export function replaceIssueLabels(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const issue = findIssue(ctx, repo);
  requireWrite(ctx, repo);
  issue.labelIds = labelIdsFromBody(ctx, repo);
  issue.updatedAt = ctx.store.now();
  return issueLabels(ctx, repo, issue);
}

export function listIssueLabels(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  return issueLabels(ctx, repo, findIssue(ctx, repo));
}

/** By numeric ID only: a name (Octokit's `removeLabel`) or an unknown ID answers 422. */
export function removeIssueLabel(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const issue = findIssue(ctx, repo);
  requireWrite(ctx, repo);
  const id = pathNumber(ctx, "id");
  if (!repo.labels.some((label) => label.id === id)) {
    throw new HttpError(422, `label does not exist [label_id: ${id}]`);
  }
  issue.labelIds = issue.labelIds.filter((labelId) => labelId !== id);
  return json(204, undefined);
}

export function clearIssueLabels(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const issue = findIssue(ctx, repo);
  requireWrite(ctx, repo);
  issue.labelIds = [];
  return json(204, undefined);
}
