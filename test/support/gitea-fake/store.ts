/** The fake's in-memory state: users, repositories and everything in them. */
import { createHash } from "node:crypto";

export type Permission = "none" | "read" | "write" | "admin" | "owner";

export interface FakeUser {
  id: number;
  login: string;
  token: string | undefined;
  isAdmin: boolean;
}

export interface FakeLabel {
  id: number;
  name: string;
  /** `rrggbb`, lower case, no '#'. */
  color: string;
  description: string;
  exclusive: boolean;
  isArchived: boolean;
}

export interface FakePull {
  head: string;
  base: string;
  headSha: string;
  baseSha: string;
  merged: boolean;
  /** The commit the head was cut from; default `baseSha`. */
  mergeBase?: string;
  /** `owner/name` of a fork the head lives in; default the base repository. */
  headRepo?: string;
}

export interface FakeIssue {
  id: number;
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labelIds: number[];
  author: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** Set for pull requests: Gitea's PRs are issues sharing the same numbering. */
  pull: FakePull | undefined;
  /** Gitea's `pin_order`: 0 when not pinned, else its place among the pinned (1, 2, …). */
  pinOrder?: number;
  /** Logins; Gitea answers `assignees: null` when there are none. */
  assignees?: string[];
  /** RFC 3339, or null. */
  dueDate?: string | null;
  /** The title and state shown are the repository's milestone of that ID when it has one. */
  milestone?: { id: number; title: string } | null;
  /** Numbers of the issues of the same repository this one depends on (is blocked by). */
  blockedBy?: number[];
}

export interface FakeMilestone {
  id: number;
  title: string;
  description: string;
  state: "open" | "closed";
  createdAt: string;
  closedAt: string | null;
}

export interface FakeComment {
  id: number;
  issueNumber: number;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeReaction {
  /** A comment reaction has a comment id; an issue reaction an issue number. */
  commentId: number | undefined;
  issueNumber: number | undefined;
  user: string;
  content: string;
  createdAt: string;
}

export interface FakeStatus {
  id: number;
  sha: string;
  state: string;
  context: string;
  description: string;
  targetUrl: string;
  creator: string;
  createdAt: string;
}

export interface FakeBlob {
  sha: string;
  content: Buffer;
}

export interface FakeCommit {
  sha: string;
  parents: string[];
  message: string;
  author: string;
  date: string;
  /** The whole tree at this commit. */
  files: Map<string, FakeBlob>;
  /** For each path, the last commit (this one or an ancestor) that changed it. */
  lastCommitOf: Map<string, string>;
  changes: { filename: string; status: "added" | "modified" | "removed" }[];
}

export interface FakeRepo {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
  private: boolean;
  labels: FakeLabel[];
  issues: FakeIssue[];
  comments: FakeComment[];
  reactions: FakeReaction[];
  statuses: FakeStatus[];
  /** Branch name → head commit sha. */
  branches: Map<string, string>;
  commits: Map<string, FakeCommit>;
  /** Login → permission, for users other than the owner. */
  collaborators: Map<string, Permission>;
  nextIndex: number;
  /** Gitea's `[repository.issue] MAX_PINNED` (default 3): pins beyond it answer 403. */
  maxPinned?: number;
  milestones?: FakeMilestone[];
  /** The repository's "Enable dependencies" setting, on by default (`[service] DEFAULT_ENABLE_DEPENDENCIES`). */
  dependenciesEnabled?: boolean;
}

export class FakeStore {
  readonly users: FakeUser[] = [];
  readonly repos: FakeRepo[] = [];
  #ids = 0;
  #ticks = 0;
  #commitSeq = 0;

  nextId(): number {
    this.#ids += 1;
    return this.#ids;
  }

  /** A deterministic, strictly increasing clock: one second per event from 2026-01-01. */
  now(): string {
    this.#ticks += 1;
    return new Date(Date.UTC(2026, 0, 1) + this.#ticks * 1000).toISOString().replace(".000Z", "Z");
  }

  user(login: string): FakeUser | undefined {
    const lower = login.toLowerCase();
    return this.users.find((user) => user.login.toLowerCase() === lower);
  }

  userByToken(token: string): FakeUser | undefined {
    return this.users.find((user) => user.token !== undefined && user.token === token);
  }

  addUser(login: string, options: { token?: string; isAdmin?: boolean } = {}): FakeUser {
    const existing = this.user(login);
    if (existing) {
      if (options.token !== undefined) existing.token = options.token;
      if (options.isAdmin !== undefined) existing.isAdmin = options.isAdmin;
      return existing;
    }
    const user: FakeUser = {
      id: this.nextId(),
      login,
      token: options.token,
      isAdmin: options.isAdmin ?? false,
    };
    this.users.push(user);
    return user;
  }

  repo(owner: string, name: string): FakeRepo | undefined {
    const full = `${owner}/${name}`.toLowerCase();
    return this.repos.find((repo) => `${repo.owner}/${repo.name}`.toLowerCase() === full);
  }

  addRepo(
    owner: string,
    name: string,
    options: { defaultBranch?: string; private?: boolean } = {},
  ): FakeRepo {
    this.addUser(owner);
    const defaultBranch = options.defaultBranch ?? "main";
    const repo: FakeRepo = {
      id: this.nextId(),
      owner,
      name,
      defaultBranch,
      private: options.private ?? false,
      labels: [],
      issues: [],
      comments: [],
      reactions: [],
      statuses: [],
      branches: new Map(),
      commits: new Map(),
      collaborators: new Map(),
      nextIndex: 1,
    };
    this.repos.push(repo);
    const initial = this.commit(repo, undefined, "Initial commit", owner, new Map());
    repo.branches.set(defaultBranch, initial.sha);
    return repo;
  }

  /** Records a commit on top of `parent` with `files` as its whole tree. */
  commit(
    repo: FakeRepo,
    parent: FakeCommit | undefined,
    message: string,
    author: string,
    files: Map<string, FakeBlob>,
  ): FakeCommit {
    this.#commitSeq += 1;
    const sha = createHash("sha1")
      .update(`commit ${this.#commitSeq} ${repo.id} ${message}`)
      .digest("hex");
    const lastCommitOf = new Map(parent?.lastCommitOf ?? []);
    const changes: FakeCommit["changes"] = [];
    for (const [path, blob] of files) {
      const before = parent?.files.get(path);
      if (before?.sha === blob.sha) continue;
      changes.push({ filename: path, status: before ? "modified" : "added" });
      lastCommitOf.set(path, sha);
    }
    for (const path of parent?.files.keys() ?? []) {
      if (!files.has(path)) {
        changes.push({ filename: path, status: "removed" });
        lastCommitOf.delete(path);
      }
    }
    const commit: FakeCommit = {
      sha,
      parents: parent ? [parent.sha] : [],
      message,
      author,
      date: this.now(),
      files,
      lastCommitOf,
      changes,
    };
    repo.commits.set(sha, commit);
    return commit;
  }

  /** Commit a ref names: a branch, or a full or abbreviated (≥ 7) commit sha. */
  resolveRef(repo: FakeRepo, ref: string): FakeCommit | undefined {
    const branchHead = repo.branches.get(ref);
    if (branchHead) return repo.commits.get(branchHead);
    return this.commitBySha(repo, ref);
  }

  commitBySha(repo: FakeRepo, sha: string): FakeCommit | undefined {
    if (!/^[0-9a-f]{7,40}$/i.test(sha)) return undefined;
    const lower = sha.toLowerCase();
    for (const commit of repo.commits.values()) if (commit.sha.startsWith(lower)) return commit;
    return undefined;
  }

  /** The user's permission on the repository, as Gitea computes it (owner/site admin → owner). */
  permissionOf(repo: FakeRepo, login: string): Permission {
    const user = this.user(login);
    if (user?.isAdmin || repo.owner.toLowerCase() === login.toLowerCase()) return "owner";
    const mode = repo.collaborators.get(login.toLowerCase());
    if (mode) return mode;
    return repo.private ? "none" : "read";
  }
}

/** Git's blob sha: sha1 of `blob <size>\0<content>`. */
export function blobSha(content: Buffer): string {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}

export function canWrite(permission: Permission): boolean {
  return permission === "write" || permission === "admin" || permission === "owner";
}
