/**
 * An issue of a Gitea answer checked by hand: for every value it accepts, the same result as
 * `issueSchema` (test/gitea/issue-check.test.ts holds the two equal); anything else is left to
 * the schema, which says what is wrong. The listing's 200 issues take zod ~11 ms in a one-shot
 * process, on code that has not run before, and this ~1 ms.
 */
import type { GiteaIssue } from "./types.js";

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);
const isString = (value: unknown): value is string => typeof value === "string";

function userOf(value: unknown): { id: number; login: string } | undefined {
  if (!isObject(value) || !isNumber(value.id) || !isString(value.login)) return undefined;
  return { id: value.id, login: value.login };
}

function labelOf(value: unknown): GiteaIssue["labels"][number] | undefined {
  if (!isObject(value) || !isNumber(value.id) || !isString(value.name) || !isString(value.color))
    return undefined;
  const label: GiteaIssue["labels"][number] = {
    id: value.id,
    name: value.name,
    color: value.color,
  };
  if ("exclusive" in value) {
    if (value.exclusive !== undefined && typeof value.exclusive !== "boolean") return undefined;
    label.exclusive = value.exclusive;
  }
  return label;
}

/** Each item of `value` by `item`, or undefined when it is no array or an item is refused. */
function listOf<T>(value: unknown, item: (value: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const items: T[] = [];
  for (const entry of value) {
    const checked = item(entry);
    if (checked === undefined) return undefined;
    items.push(checked);
  }
  return items;
}

export function checkIssue(value: unknown): GiteaIssue | undefined {
  if (!isObject(value) || !isNumber(value.id) || !isNumber(value.number)) return undefined;
  const { title, body, state, html_url, created_at } = value;
  if (!isString(title) || (body !== null && !isString(body))) return undefined;
  if (state !== "open" && state !== "closed") return undefined;
  if (!isString(html_url) || !isString(created_at)) return undefined;
  const labels = value.labels === null ? [] : listOf(value.labels, labelOf);
  const user = userOf(value.user);
  const assignees = value.assignees == null ? [] : listOf(value.assignees, userOf);
  if (labels === undefined || user === undefined || assignees === undefined) return undefined;
  const { milestone, due_date } = value;
  if (milestone != null && (!isObject(milestone) || !isNumber(milestone.id))) return undefined;
  if (milestone != null && !isString(milestone.title)) return undefined;
  if (due_date != null && !isString(due_date)) return undefined;
  const issue: GiteaIssue = {
    id: value.id,
    number: value.number,
    title,
    body: body ?? "",
    state,
    labels,
    user,
    html_url,
    created_at,
    assignees: assignees.map((assignee) => assignee.login),
    milestone:
      milestone == null ? null : { id: milestone.id as number, title: milestone.title as string },
    due_date: due_date ?? null,
  };
  // Optional keys: present in the result only when present in the answer, as zod does.
  if ("comments" in value) {
    if (value.comments !== undefined && !isNumber(value.comments)) return undefined;
    issue.comments = value.comments;
  }
  if ("pull_request" in value) issue.pull_request = value.pull_request;
  if ("pin_order" in value) {
    if (value.pin_order !== undefined && !isNumber(value.pin_order)) return undefined;
    issue.pin_order = value.pin_order;
  }
  if ("repository" in value) {
    const { repository } = value;
    if (repository == null) issue.repository = repository;
    else if (isObject(repository) && isString(repository.full_name))
      issue.repository = { full_name: repository.full_name };
    else return undefined;
  }
  return issue;
}

/** A page of issues, or undefined when any of it is refused. */
export function checkIssues(value: unknown): GiteaIssue[] | undefined {
  return listOf(value, checkIssue);
}
