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
