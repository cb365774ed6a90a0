/**
 * The parts of Gitea's webhook payloads deferbot reads, checked at the boundary so handlers
 * can trust them. Gitea sends far more; unknown fields pass through untouched.
 */
import * as z from "../zod.js";

const user = z.object({ id: z.number(), login: z.string() });

const repository = z.object({
  name: z.string(),
  full_name: z.string(),
  html_url: z.string(),
  default_branch: z.string(),
  owner: user,
  /** For `issue_comment`, Gitea fills this with the commenter's permission. */
  permissions: z.nullish(
    z.partial(z.object({ admin: z.boolean(), push: z.boolean(), pull: z.boolean() })),
  ),
});

const issue = z.object({
  number: z.number(),
  title: z.string(),
  body: z.pipe(
    z.nullish(z.string()),
    z.transform((body: string | null | undefined) => body ?? ""),
  ),
  state: z.enum(["open", "closed"]),
  user,
  html_url: z.string(),
  pull_request: z.nullish(z.unknown()),
});

const commit = z.object({
  id: z.string(),
  added: z.nullish(z.array(z.string())),
  removed: z.nullish(z.array(z.string())),
  modified: z.nullish(z.array(z.string())),
});

export const pushPayload = z.object({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  /** Newest first, and at most 5 (`[ui] FEED_MAX_COMMIT_NUM`); `total_commits` is the real count. */
  commits: z.pipe(
    z.nullish(z.array(commit)),
    z.transform((commits: z.output<typeof commit>[] | null | undefined) => commits ?? []),
  ),
  total_commits: z.optional(z.number()),
  repository,
  sender: user,
});

export const issuesPayload = z.object({
  action: z.string(),
  issue,
  changes: z.nullish(z.looseObject({ body: z.nullish(z.object({ from: z.string() })) })),
  repository,
  sender: user,
});

export const issueCommentPayload = z.object({
  action: z.string(),
  issue,
  comment: z.object({ id: z.number(), body: z.string(), user, html_url: z.string() }),
  repository,
  sender: user,
  is_pull: z.optional(z.boolean()),
});

export type PushPayload = z.output<typeof pushPayload>;
export type IssuesPayload = z.output<typeof issuesPayload>;
export type IssueCommentPayload = z.output<typeof issueCommentPayload>;

/** One side of a pull request (`PRBranchInfo`); `repo` is the fork for a fork's head. */
const pullBranch = z.object({
  ref: z.string(),
  sha: z.string(),
  repo: z.nullish(z.object({ full_name: z.string() })),
});

/** A `pull_request` delivery (`PullRequestPayload`), as the PR preview (SPEC §4) reads it. */
export const pullRequestEnvelope = z.object({
  action: z.string(),
  number: z.number(),
  pull_request: z.object({
    number: z.number(),
    html_url: z.string(),
    state: z.enum(["open", "closed"]),
    head: pullBranch,
    base: pullBranch,
    merge_base: z.string(),
  }),
  repository: z.object({
    full_name: z.string(),
    html_url: z.string(),
    default_branch: z.string(),
  }),
  sender: z.object({ login: z.string() }),
});

export type PullRequestEnvelope = z.output<typeof pullRequestEnvelope>;
