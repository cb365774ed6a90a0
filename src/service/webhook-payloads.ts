/**
 * The parts of Gitea's webhook payloads deferbot reads, checked at the boundary so handlers
 * can trust them. Gitea sends far more; unknown fields pass through untouched.
 */
import { z } from "zod";

const user = z.object({ id: z.number(), login: z.string() });

const repository = z.object({
  name: z.string(),
  full_name: z.string(),
  html_url: z.string(),
  default_branch: z.string(),
  owner: user,
  /** For `issue_comment`, Gitea fills this with the commenter's permission. */
  permissions: z
    .object({ admin: z.boolean(), push: z.boolean(), pull: z.boolean() })
    .partial()
    .nullish(),
});

const issue = z.object({
  number: z.number(),
  title: z.string(),
  body: z
    .string()
    .nullish()
    .transform((body) => body ?? ""),
  state: z.enum(["open", "closed"]),
  user,
  html_url: z.string(),
  pull_request: z.unknown().nullish(),
});

const commit = z.object({
  id: z.string(),
  added: z.array(z.string()).nullish(),
  removed: z.array(z.string()).nullish(),
  modified: z.array(z.string()).nullish(),
});

export const pushPayload = z.object({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  /** Newest first, and at most 5 (`[ui] FEED_MAX_COMMIT_NUM`); `total_commits` is the real count. */
  commits: z
    .array(commit)
    .nullish()
    .transform((commits) => commits ?? []),
  total_commits: z.number().optional(),
  repository,
  sender: user,
});

export const issuesPayload = z.object({
  action: z.string(),
  issue,
  changes: z
    .object({ body: z.object({ from: z.string() }).nullish() })
    .passthrough()
    .nullish(),
  repository,
  sender: user,
});

export const issueCommentPayload = z.object({
  action: z.string(),
  issue,
  comment: z.object({ id: z.number(), body: z.string(), user, html_url: z.string() }),
  repository,
  sender: user,
  is_pull: z.boolean().optional(),
});

export type PushPayload = z.output<typeof pushPayload>;
export type IssuesPayload = z.output<typeof issuesPayload>;
export type IssueCommentPayload = z.output<typeof issueCommentPayload>;

/** The envelope of a `pull_request` delivery, until PR previews (SPEC §4) read more of it. */
export const pullRequestEnvelope = z.object({
  action: z.string(),
  number: z.number(),
  repository: z.object({ full_name: z.string() }),
  sender: z.object({ login: z.string() }),
});

export type PullRequestEnvelope = z.output<typeof pullRequestEnvelope>;
