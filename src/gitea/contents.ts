/** File contents: read at a ref, write on a branch. */
import * as z from "../zod.js";
import { type GiteaClient, send } from "./client.js";
import { GiteaError } from "./errors.js";
import { contentsSchema, fileWriteSchema } from "./schema.js";

import type { GiteaFileRead, GiteaFileWrite } from "./types.js";

/** A file's contents, or the listing Gitea answers for a directory. */
const fileOrListing = z.union([contentsSchema, z.array(z.unknown())]);

/**
 * A file at `ref` (a branch, tag or commit sha; Gitea defaults to the default branch).
 * `null` when the path does not exist. Octokit encodes '/' in `{path}` as `%2F`, which Gitea
 * decodes. Gitea returns `content: null` above `[api] DEFAULT_MAX_BLOB_SIZE` (10 MiB by default):
 * that is a `too-large` result, not an error. A directory (Gitea answers its listing), symlink
 * or submodule is a `not-a-file` result.
 */
export async function getFileContents(
  client: GiteaClient,
  path: string,
  ref?: string,
): Promise<GiteaFileRead | null> {
  let data: z.output<typeof fileOrListing>;
  try {
    ({ data } = await send(
      client.octokit,
      "GET /repos/{owner}/{repo}/contents/{path}",
      { owner: client.owner, repo: client.repo, path, ...(ref === undefined ? {} : { ref }) },
      fileOrListing,
    ));
  } catch (error) {
    if (error instanceof GiteaError && error.status === 404) return null;
    throw error;
  }
  if (Array.isArray(data)) return { kind: "not-a-file", type: "dir" };
  if (data.type !== "file") return { kind: "not-a-file", type: data.type };
  const lastCommitSha = data.last_commit_sha ?? "";
  if (data.content === null || data.content === undefined) {
    return { kind: "too-large", size: data.size, sha: data.sha, lastCommitSha };
  }
  // Gitea's base64 has no line breaks, but tolerate them (GitHub wraps at 60 columns).
  const content = new Uint8Array(Buffer.from(data.content.replace(/\s/g, ""), "base64"));
  return { kind: "file", content, sha: data.sha, lastCommitSha, size: data.size };
}

export interface FileWriteOptions {
  content: Uint8Array | string;
  message: string;
  /** Branch the change is based on; Gitea defaults to the default branch. */
  branch?: string;
  /** Branch to create for the commit; Gitea answers 422 when it already exists (1.25). */
  newBranch?: string;
}

function base64(content: Uint8Array | string): string {
  return Buffer.from(content).toString("base64");
}

/**
 * Updates an existing file. In Gitea 1.25 `sha` (the current blob sha) is required, so PUT cannot
 * create a file (only main accepts an empty sha). A stale sha answers 422.
 */
export async function updateFile(
  client: GiteaClient,
  path: string,
  sha: string,
  options: FileWriteOptions,
): Promise<GiteaFileWrite> {
  const { data } = await send(
    client.octokit,
    "PUT /repos/{owner}/{repo}/contents/{path}",
    {
      owner: client.owner,
      repo: client.repo,
      path,
      sha,
      ...writeBody(options),
    },
    fileWriteSchema,
  );
  return { commitSha: data.commit.sha, sha: data.content?.sha ?? "" };
}

/** The body fields of a contents write. */
function writeBody(options: FileWriteOptions): Record<string, string> {
  return {
    content: base64(options.content),
    message: options.message,
    ...(options.branch === undefined ? {} : { branch: options.branch }),
    ...(options.newBranch === undefined ? {} : { new_branch: options.newBranch }),
  };
}
