/**
 * Gitea webhook payloads for the server tests: built here in the shape of Gitea 1.25's structs
 * (modules/structs/hook.go, user.go, repo.go), or read from ../shared/gitea/payloads and
 * retargeted at the fake's repository.
 */
import { hasShared, readShared } from "../support/shared.js";

export const FAKE_REPO = { owner: "acme", name: "widgets", defaultBranch: "main" } as const;

export function giteaUser(login: string, id = 7) {
  return {
    id,
    login,
    login_name: "",
    source_id: 0,
    full_name: "",
    email: `${id}+${login}@noreply.gitea.example.com`,
    avatar_url: `http://gitea.example/avatars/${id}`,
    html_url: `http://gitea.example/${login}`,
    language: "",
    is_admin: false,
    last_login: "0001-01-01T00:00:00Z",
    created: "2025-06-01T08:00:00Z",
    restricted: false,
    active: false,
    prohibit_login: false,
    location: "",
    website: "",
    description: "",
    visibility: "public",
    followers_count: 0,
    following_count: 0,
    starred_repos_count: 0,
    username: login,
  };
}

export function giteaRepository(webUrl = "http://gitea.example") {
  const { owner, name, defaultBranch } = FAKE_REPO;
  return {
    id: 42,
    owner: giteaUser(owner, 3),
    name,
    full_name: `${owner}/${name}`,
    description: "",
    empty: false,
    private: false,
    fork: false,
    html_url: `${webUrl}/${owner}/${name}`,
    url: `${webUrl}/api/v1/repos/${owner}/${name}`,
    clone_url: `${webUrl}/${owner}/${name}.git`,
    default_branch: defaultBranch,
    archived: false,
    permissions: { admin: false, push: true, pull: true },
    has_issues: true,
    has_pull_requests: true,
  };
}

export interface CommitSpec {
  id: string;
  added?: string[];
  modified?: string[];
  removed?: string[];
}

/** A push payload; `commits` newest first, as Gitea lists them. */
export function pushPayload(options: {
  after: string;
  before?: string;
  ref?: string;
  commits?: CommitSpec[];
  totalCommits?: number;
  sender?: string;
}) {
  const sender = giteaUser(options.sender ?? "alice");
  const commits = (options.commits ?? []).map((commit) => ({
    id: commit.id,
    message: "docs: update the register\n",
    url: `http://gitea.example/acme/widgets/commit/${commit.id}`,
    author: { name: "Alice", email: "alice@example.com", username: "alice" },
    committer: { name: "Alice", email: "alice@example.com", username: "alice" },
    verification: null,
    timestamp: "2026-02-20T11:02:13+01:00",
    added: commit.added ?? [],
    removed: commit.removed ?? [],
    modified: commit.modified ?? [],
  }));
  const before = options.before ?? "0".repeat(40);
  return {
    ref: options.ref ?? `refs/heads/${FAKE_REPO.defaultBranch}`,
    before,
    after: options.after,
    compare_url: `http://gitea.example/acme/widgets/compare/${before}...${options.after}`,
    commits,
    total_commits: options.totalCommits ?? commits.length,
    head_commit: commits[0] ?? null,
    repository: giteaRepository(),
    pusher: sender,
    sender,
  };
}

export function giteaIssue(number: number, options: { body?: string; isPull?: boolean } = {}) {
  return {
    id: 1000 + number,
    url: `http://gitea.example/api/v1/repos/acme/widgets/issues/${number}`,
    html_url: `http://gitea.example/acme/widgets/issues/${number}`,
    number,
    user: giteaUser("deferbot", 2),
    title: `Issue ${number}`,
    body: options.body ?? "",
    labels: [],
    state: "open",
    comments: 0,
    pull_request: options.isPull
      ? { merged: false, merged_at: null, html_url: "http://gitea.example/acme/widgets/pulls/9" }
      : null,
    repository: { id: 42, name: "widgets", owner: "acme", full_name: "acme/widgets" },
  };
}

export function issuesPayload(options: {
  action: string;
  number?: number;
  body?: string;
  bodyFrom?: string | null;
  sender?: string;
}) {
  const number = options.number ?? 1;
  const changes =
    options.bodyFrom === undefined || options.bodyFrom === null
      ? { added_labels: null, removed_labels: null }
      : { body: { from: options.bodyFrom }, added_labels: null, removed_labels: null };
  return {
    action: options.action,
    number,
    ...(options.action === "edited" ? { changes } : {}),
    issue: giteaIssue(number, { body: options.body ?? "" }),
    repository: giteaRepository(),
    sender: giteaUser(options.sender ?? "alice"),
    commit_id: "",
  };
}

export function issueCommentPayload(options: {
  action?: string;
  body: string;
  number?: number;
  isPull?: boolean;
  sender?: string;
  commentId?: number;
}) {
  const number = options.number ?? 1;
  const commentId = options.commentId ?? 5000 + number;
  const sender = giteaUser(options.sender ?? "alice");
  return {
    action: options.action ?? "created",
    issue: giteaIssue(number, { isPull: options.isPull ?? false }),
    comment: {
      id: commentId,
      html_url: `http://gitea.example/acme/widgets/issues/${number}#issuecomment-${commentId}`,
      pull_request_url: "",
      issue_url: `http://gitea.example/acme/widgets/issues/${number}`,
      user: sender,
      original_author: "",
      original_author_id: 0,
      body: options.body,
      assets: [],
      created_at: "2026-02-20T11:00:00Z",
      updated_at: "2026-02-20T11:00:00Z",
    },
    repository: giteaRepository(),
    sender,
    is_pull: options.isPull ?? false,
  };
}

export interface PullRequestPayloadOptions {
  action: string;
  number?: number;
  sender?: string;
  /** Head branch and commit; default `feature` at forty `b`s. */
  head?: string;
  headSha?: string;
  /** Default: forty `a`s. */
  mergeBase?: string;
  /** Default: the default branch. */
  base?: string;
  /** `owner/name` of the fork the head comes from; default the base repository. */
  headRepo?: string;
}

/** A `pull_request` delivery as Gitea builds it (`PullRequestPayload`), on the fake's repository. */
export function pullRequestPayload(options: PullRequestPayloadOptions) {
  const number = options.number ?? 9;
  const repository = giteaRepository();
  const mergeBase = options.mergeBase ?? "a".repeat(40);
  const headRepo =
    options.headRepo === undefined
      ? repository
      : { ...repository, id: 43, full_name: options.headRepo, fork: true };
  const branch = (ref: string, sha: string, repo: typeof repository) => ({
    label: ref,
    ref,
    sha,
    repo_id: repo.id,
    repo,
  });
  const user = giteaUser(options.sender ?? "alice");
  return {
    action: options.action,
    number,
    pull_request: {
      id: 900,
      url: `${repository.html_url}/pulls/${number}`,
      number,
      user,
      title: "Update the register",
      body: "",
      state: "open",
      html_url: `${repository.html_url}/pulls/${number}`,
      base: branch(options.base ?? FAKE_REPO.defaultBranch, mergeBase, repository),
      head: branch(options.head ?? "feature", options.headSha ?? "b".repeat(40), headRepo),
      merge_base: mergeBase,
    },
    repository,
    sender: user,
    commit_id: "",
  };
}

type Json = Record<string, unknown>;

/**
 * A delivery body from ../shared/gitea/payloads, pointed at the fake's repository (and at
 * `after` for a push); null (with a skip notice) when ../shared is absent.
 */
/** Whether Gitea's payload `file` is in ../shared; a notice on stderr when not (for `it.skipIf`). */
export function hasSharedPayload(file: string): boolean {
  return hasShared(`gitea/payloads/${file}`, `Gitea payload ${file}`);
}

/** Gitea's own payload `file` from ../shared, retargeted at the fake; check `hasSharedPayload` first. */
export function sharedPayload(file: string, rewrite: { after?: string } = {}): Json {
  const text = readShared(`gitea/payloads/${file}`, `Gitea payload ${file}`);
  if (text === null) throw new Error(`../shared/gitea/payloads/${file} is not present`);
  const payload = JSON.parse(text) as Json;
  const repository = payload.repository as Json;
  const owner = repository.owner as Json;
  Object.assign(owner, { login: FAKE_REPO.owner, username: FAKE_REPO.owner });
  Object.assign(repository, {
    name: FAKE_REPO.name,
    full_name: `${FAKE_REPO.owner}/${FAKE_REPO.name}`,
    default_branch: FAKE_REPO.defaultBranch,
  });
  if (rewrite.after !== undefined) {
    payload.after = rewrite.after;
    payload.ref = `refs/heads/${FAKE_REPO.defaultBranch}`;
  }
  return payload;
}
