/** Everything one repository's sync reads and writes; `src/gitea/repo-gateway.ts` implements it on Gitea. */
import type { CommitState } from "../gitea/types.js";
import type { Tracker } from "./tracker.js";

export interface RepoInfo {
  owner: string;
  name: string;
  htmlUrl: string;
  defaultBranch: string;
}

export type FileRead =
  | { kind: "found"; bytes: Uint8Array; blobSha: string }
  | { kind: "missing" }
  /** Gitea returns no content for blobs above its API limit (10 MiB by default). */
  | { kind: "too-large"; size: number }
  /** A directory, symlink or submodule where a file was expected. */
  | { kind: "not-a-file"; type: string };

export interface CommitStatus {
  state: CommitState;
  description: string;
  context: string;
  targetUrl?: string;
}

export interface RepoGateway extends Tracker {
  repo(): Promise<RepoInfo>;
  branchHead(branch: string): Promise<string>;
  readFile(path: string, ref: string): Promise<FileRead>;
  setStatus(sha: string, status: CommitStatus): Promise<void>;
}
