/** Store records → the JSON Gitea 1.25 sends (structs/*.go field names). */
import type {
  FakeComment,
  FakeCommit,
  FakeIssue,
  FakeLabel,
  FakeRepo,
  FakeStatus,
  FakeStore,
  FakeUser,
} from "./store.js";

export interface Urls {
  /** ROOT_URL with trailing slash. */
  root: string;
}

export function userJson(urls: Urls, user: FakeUser | undefined, login: string): unknown {
  const id = user?.id ?? 0;
  return {
    id,
    login,
    login_name: "",
    source_id: 0,
    full_name: "",
    email: `${login.toLowerCase()}@noreply.localhost`,
    avatar_url: `${urls.root}avatars/${id}`,
    html_url: `${urls.root}${login}`,
    language: "",
    is_admin: user?.isAdmin ?? false,
    last_login: "2026-01-01T00:00:00Z",
    created: "2026-01-01T00:00:00Z",
    restricted: false,
    active: true,
    prohibit_login: false,
    location: "",
    website: "",
    description: "",
    visibility: "public",
    followers_count: 0,
    following_count: 0,
    starred_repos_count: 0,
    // Gitea's MarshalJSON adds `username`, a copy of `login`.
    username: login,
  };
}

function user(store: FakeStore, urls: Urls, login: string): unknown {
  return userJson(urls, store.user(login), login);
}

function repoPath(repo: FakeRepo): string {
  return `${repo.owner}/${repo.name}`;
}

export function labelJson(urls: Urls, repo: FakeRepo, label: FakeLabel): unknown {
  return {
    id: label.id,
    name: label.name,
    exclusive: label.exclusive,
    is_archived: label.isArchived,
    // Gitea answers colours without '#' (convert/issue.go).
    color: label.color,
    description: label.description,
    url: `${urls.root}api/v1/repos/${repoPath(repo)}/labels/${label.id}`,
  };
}

export function issueHtmlUrl(urls: Urls, repo: FakeRepo, issue: FakeIssue): string {
  return `${urls.root}${repoPath(repo)}/${issue.pull ? "pulls" : "issues"}/${issue.number}`;
}

/** An issue's milestone: the repository's of that ID when it has one (renamed, closed), else as seeded. */
function issueMilestoneJson(repo: FakeRepo, milestone: { id: number; title: string }): unknown {
  const stored = repo.milestones?.find((candidate) => candidate.id === milestone.id);
  return {
    id: milestone.id,
    title: stored?.title ?? milestone.title,
    description: stored?.description ?? "",
    state: stored?.state ?? "open",
    due_on: null,
  };
}

export function issueJson(store: FakeStore, urls: Urls, repo: FakeRepo, issue: FakeIssue): unknown {
  const labels = issue.labelIds
    .map((id) => repo.labels.find((label) => label.id === id))
    .filter((label): label is FakeLabel => label !== undefined)
    .map((label) => labelJson(urls, repo, label));
  return {
    id: issue.id,
    url: `${urls.root}api/v1/repos/${repoPath(repo)}/issues/${issue.number}`,
    html_url: issueHtmlUrl(urls, repo, issue),
    number: issue.number,
    user: user(store, urls, issue.author),
    original_author: "",
    original_author_id: 0,
    title: issue.title,
    body: issue.body,
    ref: "",
    assets: [],
    labels,
    milestone: issue.milestone ? issueMilestoneJson(repo, issue.milestone) : null,
    assignee: issue.assignees?.[0] ? user(store, urls, issue.assignees[0]) : null,
    assignees: issue.assignees?.length
      ? issue.assignees.map((login) => user(store, urls, login))
      : null,
    state: issue.state,
    is_locked: false,
    comments: repo.comments.filter((comment) => comment.issueNumber === issue.number).length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    due_date: issue.dueDate ?? null,
    time_estimate: 0,
    pull_request: issue.pull
      ? {
          merged: issue.pull.merged,
          merged_at: null,
          draft: false,
          html_url: issueHtmlUrl(urls, repo, issue),
        }
      : null,
    repository: { id: repo.id, name: repo.name, owner: repo.owner, full_name: repoPath(repo) },
    pin_order: issue.pinOrder ?? 0,
  };
}

export function commentJson(
  store: FakeStore,
  urls: Urls,
  repo: FakeRepo,
  comment: FakeComment,
): unknown {
  const issueUrl = `${urls.root}${repoPath(repo)}/issues/${comment.issueNumber}`;
  return {
    id: comment.id,
    html_url: `${issueUrl}#issuecomment-${comment.id}`,
    pull_request_url: "",
    // Gitea's `issue_url` is the issue's HTML URL (models/issues/comment.go).
    issue_url: issueUrl,
    user: user(store, urls, comment.author),
    original_author: "",
    original_author_id: 0,
    body: comment.body,
    assets: [],
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
  };
}

export function repoJson(store: FakeStore, urls: Urls, repo: FakeRepo, caller: string): unknown {
  const permission = store.permissionOf(repo, caller);
  return {
    id: repo.id,
    owner: user(store, urls, repo.owner),
    name: repo.name,
    full_name: repoPath(repo),
    description: "",
    empty: false,
    private: repo.private,
    fork: false,
    template: false,
    mirror: false,
    size: 0,
    html_url: `${urls.root}${repoPath(repo)}`,
    url: `${urls.root}api/v1/repos/${repoPath(repo)}`,
    clone_url: `${urls.root}${repoPath(repo)}.git`,
    default_branch: repo.defaultBranch,
    archived: false,
    has_issues: true,
    has_pull_requests: true,
    open_issues_count: repo.issues.filter((i) => !i.pull && i.state === "open").length,
    permissions: {
      admin: permission === "admin" || permission === "owner",
      push: permission === "write" || permission === "admin" || permission === "owner",
      pull: permission !== "none",
    },
  };
}

export function commitJson(
  store: FakeStore,
  urls: Urls,
  repo: FakeRepo,
  commit: FakeCommit,
  withFiles: boolean,
): unknown {
  const api = `${urls.root}api/v1/repos/${repoPath(repo)}`;
  const signature = {
    name: commit.author,
    email: `${commit.author}@noreply.localhost`,
    date: commit.date,
  };
  return {
    url: `${api}/git/commits/${commit.sha}`,
    sha: commit.sha,
    created: commit.date,
    html_url: `${urls.root}${repoPath(repo)}/commit/${commit.sha}`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: signature,
      committer: signature,
      message: commit.message,
      tree: { url: `${api}/git/trees/${commit.sha}`, sha: commit.sha, created: commit.date },
      verification: null,
    },
    author: user(store, urls, commit.author),
    committer: user(store, urls, commit.author),
    parents: commit.parents.map((sha) => ({
      url: `${api}/git/commits/${sha}`,
      sha,
      created: commit.date,
    })),
    ...(withFiles ? { files: commit.changes } : {}),
    stats: { total: commit.changes.length, additions: 0, deletions: 0 },
  };
}

export function contentsJson(
  urls: Urls,
  repo: FakeRepo,
  commit: FakeCommit,
  path: string,
  options: { maxBlobSize: number; ref: string; withContent: boolean },
): unknown {
  const blob = commit.files.get(path);
  const api = `${urls.root}api/v1/repos/${repoPath(repo)}`;
  const lastCommitSha = commit.lastCommitOf.get(path) ?? commit.sha;
  const base = {
    name: path.slice(path.lastIndexOf("/") + 1),
    path,
    url: `${api}/contents/${path}?ref=${options.ref}`,
    html_url: `${urls.root}${repoPath(repo)}/src/branch/${options.ref}/${path}`,
    last_commit_sha: lastCommitSha,
    last_commit_message: "",
    last_committer_date: commit.date,
    last_author_date: commit.date,
    target: null,
    submodule_git_url: null,
  };
  if (!blob) {
    return { ...base, type: "dir", size: 0, sha: commit.sha, encoding: null, content: null };
  }
  // Gitea returns `content` and `encoding` null above [api] DEFAULT_MAX_BLOB_SIZE.
  const fits = options.withContent && blob.content.length <= options.maxBlobSize;
  return {
    ...base,
    type: "file",
    size: blob.content.length,
    sha: blob.sha,
    encoding: fits ? "base64" : null,
    content: fits ? blob.content.toString("base64") : null,
    git_url: `${api}/git/blobs/${blob.sha}`,
    download_url: `${urls.root}${repoPath(repo)}/raw/branch/${options.ref}/${path}`,
    _links: {
      self: `${api}/contents/${path}?ref=${options.ref}`,
      git: `${api}/git/blobs/${blob.sha}`,
      html: `${urls.root}${repoPath(repo)}/src/branch/${options.ref}/${path}`,
    },
  };
}

export function statusJson(
  store: FakeStore,
  urls: Urls,
  repo: FakeRepo,
  status: FakeStatus,
): unknown {
  return {
    id: status.id,
    // Gitea names the state `status` in responses (structs/status.go).
    status: status.state,
    target_url: status.targetUrl,
    description: status.description,
    url: `${urls.root}api/v1/repos/${repoPath(repo)}/statuses/${status.sha}`,
    context: status.context,
    creator: user(store, urls, status.creator),
    created_at: status.createdAt,
    updated_at: status.createdAt,
  };
}

export function pullJson(store: FakeStore, urls: Urls, repo: FakeRepo, issue: FakeIssue): unknown {
  const pull = issue.pull;
  const branch = (ref: string, sha: string, fork?: string) => ({
    label: ref,
    ref,
    sha,
    repo_id: fork ? repo.id + 1000 : repo.id,
    repo: fork
      ? { id: repo.id + 1000, name: fork.split("/")[1] ?? "", full_name: fork }
      : { id: repo.id, name: repo.name, full_name: repoPath(repo) },
  });
  const issueFields = issueJson(store, urls, repo, issue) as Record<string, unknown>;
  return {
    id: issue.id,
    url: issueFields.html_url,
    number: issue.number,
    user: issueFields.user,
    title: issue.title,
    body: issue.body,
    labels: issueFields.labels,
    milestone: null,
    assignee: null,
    assignees: null,
    requested_reviewers: null,
    state: issue.state,
    draft: false,
    is_locked: false,
    comments: issueFields.comments,
    html_url: issueFields.html_url,
    diff_url: `${issueFields.html_url}.diff`,
    patch_url: `${issueFields.html_url}.patch`,
    mergeable: true,
    merged: pull?.merged ?? false,
    merged_at: null,
    merge_commit_sha: null,
    merged_by: null,
    allow_maintainer_edit: false,
    base: branch(pull?.base ?? "", pull?.baseSha ?? ""),
    head: branch(pull?.head ?? "", pull?.headSha ?? "", pull?.headRepo),
    merge_base: pull?.mergeBase ?? pull?.baseSha ?? "",
    due_date: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    pin_order: issue.pinOrder ?? 0,
  };
}
