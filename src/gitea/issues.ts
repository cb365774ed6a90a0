/** Issues: the tracked-issue listing, reads and writes. */
import { type GiteaClient, send, sendAllPages } from "./client.js";
import { checkIssue, checkIssues } from "./issue-check.js";
import { issueSchema } from "./schema.js";
import type { GiteaIssue } from "./types.js";

/**
 * Every issue (pull requests excluded) opened by `creator`, open or closed, newest first.
 * By author only, never by label (SPEC §3.1): people remove labels, and an unknown label name
 * makes Gitea drop the filter and return every issue. No `q=` either: the indexer lags.
 * Pages with `page`+`limit`; stops on a short page or when X-Total-Count is reached.
 */
export async function listTrackedIssues(
  client: GiteaClient,
  creator: string,
): Promise<GiteaIssue[]> {
  return sendAllPages(
    client.octokit,
    "GET /repos/{owner}/{repo}/issues",
    { owner: client.owner, repo: client.repo, type: "issues", state: "all", created_by: creator },
    issueSchema,
    checkIssues,
  );
}

export async function getIssue(client: GiteaClient, number: number): Promise<GiteaIssue> {
  const { data } = await send(
    client.octokit,
    "GET /repos/{owner}/{repo}/issues/{index}",
    { owner: client.owner, repo: client.repo, index: number },
    issueSchema,
    checkIssue,
  );
  return data;
}

/** The issue fields of `CreateIssueOption` and `EditIssueOption`, as Gitea names them. */
export interface GiteaIssueFields {
  /** Logins; replaces the whole set (`[]` clears). */
  assignees?: string[];
  /**
   * RFC 3339. Gitea keeps only the day: an edit stores 23:59:59 of that day in the offset
   * sent, a create the instant itself, so send the end of the day to get one value from both.
   */
  due_date?: string;
  /** Edit only: clears the due date (an edit with neither this nor `due_date` keeps it). */
  unset_due_date?: boolean;
  /** A milestone's ID; `0` clears it on an edit. */
  milestone?: number;
}

export interface NewGiteaIssue extends Omit<GiteaIssueFields, "unset_due_date"> {
  title: string;
  body: string;
  /** Label IDs: Gitea's create takes IDs only (names fail JSON binding with 422). */
  labels: number[];
}

/**
 * Opens an issue (never retried: a retried create makes a twin). If the token lacks write
 * access Gitea silently drops the labels, assignees, milestone and due date, so check them on
 * the answer when it matters; an unknown milestone ID is dropped silently too. An assignee who
 * is unknown or may not be assigned is refused (422).
 */
export async function createIssue(client: GiteaClient, issue: NewGiteaIssue): Promise<GiteaIssue> {
  const { data } = await send(
    client.octokit,
    "POST /repos/{owner}/{repo}/issues",
    { owner: client.owner, repo: client.repo, ...issue },
    issueSchema,
    checkIssue,
  );
  return data;
}

export interface GiteaIssueEdit extends GiteaIssueFields {
  title?: string;
  body?: string;
  state?: "open" | "closed";
}

/**
 * PATCHes an issue; Gitea answers 201 (not 200). Labels cannot be set here (Gitea ignores them):
 * use the label functions. Sending `body` always fires `issues/edited`, even when unchanged.
 * The fields need write access (ignored silently without it); an unknown or unassignable
 * assignee and an unknown milestone answer 500 here (not 422 as on a create). Closing an issue
 * with open dependencies answers 412 (`ErrDependenciesLeft`), after the other fields were written.
 */
export async function updateIssue(
  client: GiteaClient,
  number: number,
  edit: GiteaIssueEdit,
): Promise<GiteaIssue> {
  const { data } = await send(
    client.octokit,
    "PATCH /repos/{owner}/{repo}/issues/{index}",
    { owner: client.owner, repo: client.repo, index: number, ...edit },
    issueSchema,
    checkIssue,
  );
  return data;
}
