/**
 * Gitea's shapes as the endpoint functions return them: the parsed schemas (`schema.ts`) where
 * an answer is returned as parsed, and the few shapes an endpoint function maps an answer to.
 */

import type { CommitState, Permission, PullRequest, PullRequestDetail } from "../port/forge.js";
import type * as z from "../zod.js";
import type {
  commentSchema,
  issueSchema,
  labelSchema,
  milestoneSchema,
  userSchema,
} from "./schema.js";

export type GiteaUser = z.output<typeof userSchema>;
export type GiteaLabel = z.output<typeof labelSchema>;
export type GiteaIssue = z.output<typeof issueSchema>;
export type GiteaComment = z.output<typeof commentSchema>;
export type GiteaMilestone = z.output<typeof milestoneSchema>;

/** `getFileContents` result: Gitea sends `content: null` above `[api] DEFAULT_MAX_BLOB_SIZE`. */
export type GiteaFileRead =
  | {
      kind: "file";
      /** Decoded bytes of the file. */
      content: Uint8Array;
      /** Blob sha (needed to update the file). */
      sha: string;
      lastCommitSha: string;
      size: number;
    }
  | { kind: "too-large"; size: number; sha: string; lastCommitSha: string }
  /** The path is a directory, symlink or submodule. */
  | { kind: "not-a-file"; type: string };

export interface GiteaRepo {
  owner: string;
  name: string;
  fullName: string;
  htmlUrl: string;
  defaultBranch: string;
}

export interface GiteaBranch {
  name: string;
  commitSha: string;
}

export interface GiteaCommitStatus {
  id: number;
  /** Gitea names the state `status` in responses; mapped back to `state` here. */
  state: string;
  context: string;
  description: string;
  targetUrl: string;
}

export type { CommitState };

/** Already the port's shape: the head and base branch names, the web link. */
export type GiteaPullRequest = PullRequest;
export type GiteaPullRequestDetail = PullRequestDetail;

/** `none | read | write | admin | owner` from Gitea, or `unknown` when the bot may not ask (403). */
export type CollaboratorPermission = Permission;

export interface GiteaFileWrite {
  commitSha: string;
  /** New blob sha of the file. */
  sha: string;
}
