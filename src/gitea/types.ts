/** Gitea's shapes as deferbot uses them (fields we read; Gitea sends more). */

export interface GiteaUser {
  id: number;
  login: string;
}

export interface GiteaLabel {
  id: number;
  name: string;
  color: string;
  exclusive?: boolean;
}

export interface GiteaIssue {
  id: number;
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: GiteaLabel[];
  user: GiteaUser;
  html_url: string;
  created_at: string;
  pull_request?: unknown;
}

export interface GiteaComment {
  id: number;
  body: string;
  user: GiteaUser;
  html_url: string;
}

export interface GiteaFile {
  /** Decoded bytes of the file. */
  content: Uint8Array;
  /** Blob sha (needed to update the file). */
  sha: string;
  lastCommitSha: string;
}

export type CommitState = "pending" | "success" | "error" | "failure" | "warning";

export interface GiteaRepo {
  owner: string;
  name: string;
  fullName: string;
  htmlUrl: string;
  defaultBranch: string;
}

/* Added by the adapter (new shapes only; the ones above are unchanged). */

/** `getFileContents` result: Gitea sends `content: null` above `[api] DEFAULT_MAX_BLOB_SIZE`. */
export type GiteaFileRead =
  | ({ kind: "file" } & GiteaFile & { size: number })
  | { kind: "too-large"; size: number; sha: string; lastCommitSha: string }
  /** The path is a directory, symlink or submodule. */
  | { kind: "not-a-file"; type: string };

export interface GiteaBranch {
  name: string;
  commitSha: string;
}

export interface GiteaCommit {
  sha: string;
  message: string;
  parents: string[];
  htmlUrl: string;
}

export interface GiteaCommitStatus {
  id: number;
  /** Gitea names the state `status` in responses; mapped back to `state` here. */
  state: string;
  context: string;
  description: string;
  targetUrl: string;
}

export interface GiteaPullRequest {
  number: number;
  title: string;
  state: "open" | "closed";
  htmlUrl: string;
  head: string;
  base: string;
}

/** `none | read | write | admin | owner` from Gitea, or `unknown` when the bot may not ask (403). */
export type CollaboratorPermission = "none" | "read" | "write" | "admin" | "owner" | "unknown";

export interface GiteaFileWrite {
  commitSha: string;
  /** New blob sha of the file. */
  sha: string;
}
