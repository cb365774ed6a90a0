/** Webhook payloads in Gitea's shape for the command tests, built from the fake's state. */
import { pino } from "pino";
import {
  type IssueCommentPayload,
  type IssuesPayload,
  issueCommentPayload,
  issuesPayload,
} from "../../src/service/webhook-payloads.js";
import type { FakeIssue, GiteaFake } from "../support/gitea-fake/index.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { BOT, type Harness, harness, REPO } from "../support/sync-harness.js";

export const log = pino({ level: "silent" });

/** `repository.permissions` as Gitea fills it for the commenter; `null` leaves it out. */
export type Permissions = { admin: boolean; push: boolean; pull: boolean } | null;

export const WRITER: Permissions = { admin: false, push: true, pull: true };
export const READER: Permissions = { admin: false, push: false, pull: true };

function user(fake: GiteaFake, login: string) {
  const found = fake.state.user(login);
  return {
    id: found?.id ?? 0,
    login,
    login_name: "",
    full_name: "",
    email: `${found?.id ?? 0}+${login}@noreply.localhost`,
    avatar_url: "",
    html_url: `${fake.url}/${login}`,
    is_admin: false,
    username: login,
  };
}

function repository(fake: GiteaFake, permissions: Permissions) {
  const repo = fake.repo(REPO);
  return {
    id: repo.id,
    owner: user(fake, repo.owner),
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    private: repo.private,
    html_url: `${fake.url}/${repo.owner}/${repo.name}`,
    url: `${fake.apiUrl}/repos/${repo.owner}/${repo.name}`,
    default_branch: repo.defaultBranch,
    ...(permissions === null ? {} : { permissions }),
  };
}

function issueJson(fake: GiteaFake, issue: FakeIssue) {
  const repo = fake.repo(REPO);
  return {
    id: issue.id,
    url: `${fake.apiUrl}/repos/${REPO}/issues/${issue.number}`,
    html_url: `${fake.url}/${REPO}/issues/${issue.number}`,
    number: issue.number,
    user: user(fake, issue.author),
    title: issue.title,
    body: issue.body,
    labels: issue.labelIds.map((id) => repo.labels.find((label) => label.id === id)),
    state: issue.state,
    assignees: null,
    pull_request: issue.pull ? { merged: issue.pull.merged } : null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
  };
}

/** Posts `body` as `author` on the fake and returns the `issue_comment` created delivery. */
export function commentOn(
  fake: GiteaFake,
  number: number,
  body: string,
  options: { author?: string; permissions?: Permissions } = {},
): IssueCommentPayload {
  const author = options.author ?? "alice";
  const issue = fake.issue(REPO, number);
  const comment = fake.addComment(REPO, number, { author, body });
  return issueCommentPayload.parse({
    action: "created",
    issue: issueJson(fake, issue),
    comment: {
      id: comment.id,
      html_url: `${fake.url}/${REPO}/issues/${number}#issuecomment-${comment.id}`,
      pull_request_url: "",
      issue_url: `${fake.url}/${REPO}/issues/${number}`,
      user: user(fake, author),
      body,
      created_at: comment.createdAt,
      updated_at: comment.updatedAt,
    },
    repository: repository(fake, options.permissions === undefined ? WRITER : options.permissions),
    sender: user(fake, author),
    is_pull: issue.pull !== undefined,
  });
}

/** Edits the issue's body on the fake as `sender` would, and returns the `issues` edited delivery. */
export function editBody(
  fake: GiteaFake,
  number: number,
  body: string,
  sender = "alice",
): IssuesPayload {
  const issue = fake.issue(REPO, number);
  const from = issue.body;
  issue.body = body;
  issue.updatedAt = fake.state.now();
  return issuesPayload.parse({
    action: "edited",
    number,
    changes: { body: { from }, added_labels: null, removed_labels: null },
    issue: issueJson(fake, issue),
    // For `issues` events Gitea describes the poster's (the bot's) permission, not the sender's.
    repository: repository(fake, WRITER),
    sender: user(fake, sender),
    commit_id: "",
  });
}

/** Reactions on a comment, in order, as `user:content`. */
export function reactionsOn(fake: GiteaFake, commentId: number): string[] {
  return fake
    .repo(REPO)
    .reactions.filter((reaction) => reaction.commentId === commentId)
    .map((reaction) => `${reaction.user}:${reaction.content}`);
}

/** Comments on an issue after the one with `afterId`, as `author: body`. */
export function commentsAfter(fake: GiteaFake, number: number, afterId: number) {
  return fake
    .repo(REPO)
    .comments.filter((comment) => comment.issueNumber === number && comment.id > afterId);
}

export const SPECS = [findingSpec(1), findingSpec(2), findingSpec(3)];

export interface Synced {
  h: Harness;
  /** The tracking issue's number per finding ID. */
  numbers: Record<string, number>;
}

/** The register of three findings committed and synced: three tracking issues. */
export async function synced(fake: GiteaFake, text = renderRegister(SPECS)): Promise<Synced> {
  const h = harness(fake);
  h.commit(text);
  await h.sync();
  const numbers: Record<string, number> = {};
  for (const issue of h.issues()) {
    const id = /deferbot:finding id=([^ ]+) -->/.exec(issue.body)?.[1];
    if (id && issue.author === BOT) numbers[id] = issue.number;
  }
  fake.resetRequests();
  return { h, numbers };
}

/** The non-GET requests, as route templates, minus the reactions and the reply. */
export function writesBesidesReply(fake: GiteaFake): string[] {
  return fake
    .writes()
    .map((r) => r.route ?? `${r.method} ${r.path}`)
    .filter(
      (route) =>
        !route.endsWith("/reactions") &&
        route !== "POST /repos/{owner}/{repo}/issues/{index}/comments",
    );
}
