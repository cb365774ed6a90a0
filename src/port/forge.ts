/**
 * The port: everything deferbot reads from and writes to a forge, for one repository, in the
 * forge's terms and no other. The sync, the commands and the handlers (and the PR preview and
 * dashboard to come) call only this; `src/gitea/gitea-forge.ts` implements it on Gitea, and
 * every Gitea quirk stays behind it. A new need is a new method in the section it belongs to
 * (pins and dependencies under "Issues", assignees with the labels), never a call around it.
 */

export type CommitState = "pending" | "success" | "error" | "failure" | "warning";

export interface RepoInfo {
  owner: string;
  name: string;
  htmlUrl: string;
  defaultBranch: string;
}

export type FileRead =
  | { kind: "found"; bytes: Uint8Array; blobSha: string }
  | { kind: "missing" }
  /** Above the size limit asked for; `size` is at least the bytes read before reading stopped. */
  | { kind: "too-large"; size: number }
  /** A directory, symlink or submodule where a file was expected. */
  | { kind: "not-a-file"; type: string };

export interface Label {
  id: number;
  name: string;
}

/** The one issue shape: what the sync, the commands and the handlers read of an issue. */
export interface Issue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: Label[];
  /** Login of the user who opened it. */
  author: string;
  createdAt: string;
  htmlUrl: string;
  /** How many comments it has (the bot's included), when the forge tells. */
  comments?: number;
  /** Its place among the pinned issues; 0 when not pinned. */
  pinOrder: number;
  /** Logins, from the listing (SPEC §8: no extra read). */
  assignees: string[];
  /** The milestone's name, or null. */
  milestone: string | null;
  /** `YYYY-MM-DD` (the day of Gitea's RFC 3339 `due_date`), or null. */
  dueDate: string | null;
}

export interface Milestone {
  id: number;
  title: string;
  state: "open" | "closed";
}

/** Gitea's own issue fields as the bot writes them (SPEC §8); a kind absent is left as it is. */
export interface IssueFieldEdit {
  /** Logins; replaces the whole set, [] clears. */
  assignees?: string[];
  /** `YYYY-MM-DD`; null clears. */
  dueDate?: string | null;
  /** A milestone's ID; null clears. */
  milestone?: number | null;
}

export interface IssueEdit extends IssueFieldEdit {
  title?: string;
  body?: string;
  state?: "open" | "closed";
}

export interface Comment {
  id: number;
  body: string;
  author: string;
  htmlUrl: string;
}

/** The reactions a forge accepts by default (Gitea's `[ui] REACTIONS`). */
export type Reaction = "+1" | "-1" | "laugh" | "hooray" | "confused" | "heart" | "rocket" | "eyes";

/** `unknown` when the forge will not tell the bot (Gitea: unless the bot is a repository admin). */
export type Permission = "none" | "read" | "write" | "admin" | "owner" | "unknown";

export interface CommitStatus {
  state: CommitState;
  description: string;
  context: string;
  targetUrl?: string;
}

export interface FileChange {
  path: string;
  /** The blob sha the change replaces (a stale one is refused). */
  blobSha: string;
  content: string;
  message: string;
  /** The branch the change is based on. */
  base: string;
  /** The branch created for the commit. */
  branch: string;
}

export type FileChangeResult =
  | { kind: "committed" }
  /** `branch` exists already: nothing was written, the branch is left as it is. */
  | { kind: "branch-exists" }
  /** The file changed on `base` since `blobSha` was read: nothing was written. */
  | { kind: "stale" };

export interface PullRequest {
  number: number;
  title: string;
  state: "open" | "closed";
  htmlUrl: string;
  head: string;
  base: string;
}

/** A pull request as the preview reads it: where its head and merge base are. */
export interface PullRequestDetail extends PullRequest {
  /** The head commit; readable in the base repository even for a fork's PR (`refs/pull/N/head`). */
  headSha: string;
  /** The commit the head was cut from on `base`. */
  mergeBase: string;
}

export type PullRequestResult =
  | { kind: "created"; pull: PullRequest }
  /** An open pull request for the same head and base exists: that one. */
  | { kind: "exists"; pull: PullRequest }
  /** `head` holds no change against `base`. */
  | { kind: "no-change" };

export interface Forge {
  // Repository, branches and files.
  repo(): Promise<RepoInfo>;
  branchHead(branch: string): Promise<string>;
  /** The default branch's head, read without waiting for `repo()`. */
  defaultBranchHead(): Promise<string>;
  branchExists(branch: string): Promise<boolean>;
  /** A file at `ref` (a branch, tag or commit sha); reading stops past `maxBytes` (default 10 MiB). */
  readFile(path: string, ref: string, maxBytes?: number): Promise<FileRead>;
  /**
   * The first of `paths` that is not missing, read as `readFile` reads it, or null when every one
   * is missing. All are asked for at once; a path after the first file found costs no more than
   * its one read, and its answer is not waited for.
   */
  readFirstFile(
    paths: readonly string[],
    ref: string,
    maxBytes?: number,
  ): Promise<{ path: string; read: Exclude<FileRead, { kind: "missing" }> } | null>;
  /** One commit on a new branch that replaces one file. */
  proposeFileChange(change: FileChange): Promise<FileChangeResult>;

  // Issues (the bot's tracking issues; pull requests are never among them).
  /** Every issue the bot opened in the repository, open or closed. */
  listBotIssues(): Promise<Issue[]>;
  getIssue(number: number): Promise<Issue>;
  /**
   * Opens an issue with labels given by name (created in the repository when missing) and the
   * fields given. The forge may drop labels and fields the bot may not set: read the answer.
   */
  createIssue(
    issue: { title: string; body: string; labels: string[] } & IssueFieldEdit,
  ): Promise<Issue>;
  /**
   * Edits an issue in one write. Closing an issue that still has open dependencies is refused
   * (a GiteaError saying so): remove them first.
   */
  editIssue(number: number, edit: IssueEdit): Promise<void>;
  /** Issue numbers this issue depends on (is blocked by), open or closed. */
  listDependencies(number: number): Promise<number[]>;
  /**
   * `number` depends on (is blocked by) `blocker`; already there: no error. With its removal
   * below, it is a write whose answer may be lost (SPEC §3.4 "Calls") and is not resent by the
   * forge: the caller re-reads (`listDependencies`) and applies again only what is missing,
   * which is safe because finding the state already as wanted is no error.
   */
  addDependency(number: number, blocker: number): Promise<void>;
  /** Removes that dependency; already gone: no error. */
  removeDependency(number: number, blocker: number): Promise<void>;
  /** Whether the repository takes one more pinned issue. */
  pinAllowed(): Promise<boolean>;
  /** Pins an issue; `limit` when the forge's pin limit refused it (no other pin is moved). */
  pinIssue(number: number): Promise<"pinned" | "limit">;
  unpinIssue(number: number): Promise<void>;

  // Labels, assignees and milestones.
  /** Sets the issue's labels to `keep` (IDs it has) plus `add` (names) in one call. */
  replaceLabels(number: number, keep: number[], add: string[]): Promise<void>;
  /** Logins the forge lists as assignable, read once per sync by the caller. */
  listAssignees(): Promise<string[]>;
  /** Every milestone of the repository, open and closed. */
  listMilestones(): Promise<Milestone[]>;

  // Comments, on issues and pull requests alike.
  /** Posts a comment; the comment as the forge stored it. */
  comment(number: number, body: string): Promise<Comment>;
  listComments(number: number): Promise<Comment[]>;
  updateComment(id: number, body: string): Promise<void>;
  reactToComment(id: number, reaction: Reaction): Promise<void>;

  // Pull requests.
  openPullRequest(pull: {
    head: string;
    base: string;
    title: string;
    body: string;
  }): Promise<PullRequestResult>;
  getPullRequest(number: number): Promise<PullRequestDetail>;

  // Access and statuses.
  permissionOf(login: string): Promise<Permission>;
  setStatus(sha: string, status: CommitStatus): Promise<void>;
}
