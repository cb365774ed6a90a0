/** File contents: read at a ref, create (POST) and update (PUT) with a commit per write. */
import {
  bodyObject,
  type HandlerContext,
  HttpError,
  json,
  optionalString,
  requireRepo,
  requireWrite,
} from "../http.js";
import { commitJson, contentsJson } from "../serialize.js";
import { blobSha, type FakeRepo, type FakeStore } from "../store.js";

/**
 * Commits `content` (or a deletion when null) at `path` on top of `branch`, moving `newBranch`
 * (default: `branch`) to the new commit. Returns the commit sha.
 */
export function commitFile(
  store: FakeStore,
  repo: FakeRepo,
  path: string,
  content: Buffer | null,
  options: { branch?: string; newBranch?: string; message?: string; author?: string } = {},
): string {
  const branch = options.branch ?? repo.defaultBranch;
  const headSha = repo.branches.get(branch);
  const parent = headSha === undefined ? undefined : repo.commits.get(headSha);
  if (!parent) throw new HttpError(404, `branch does not exist [name: ${branch}]`);
  const files = new Map(parent.files);
  if (content === null) files.delete(path);
  else files.set(path, { sha: blobSha(content), content });
  const message = options.message ?? `${content === null ? "Delete" : "Update"} ${path}`;
  const commit = store.commit(repo, parent, message, options.author ?? repo.owner, files);
  repo.branches.set(options.newBranch ?? branch, commit.sha);
  return commit.sha;
}

function refOf(ctx: HandlerContext, repo: FakeRepo): string {
  return ctx.query.get("ref") || repo.defaultBranch;
}

/** A file → ContentsResponse (base64, no line breaks, `last_commit_sha`); a directory → a list. */
export function getContents(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const ref = refOf(ctx, repo);
  const commit = ctx.store.resolveRef(repo, ref);
  if (!commit) throw new HttpError(404, `object does not exist [id: ${ref}, rel_path: ]`);
  const path = (ctx.params.filepath ?? "").replace(/^\/+|\/+$/g, "");
  const urls = { root: ctx.rootUrl };
  const contentOptions = { maxBlobSize: ctx.options.maxBlobSize, ref, withContent: true };
  if (commit.files.has(path))
    return json(200, contentsJson(urls, repo, commit, path, contentOptions));
  const prefix = path === "" ? "" : `${path}/`;
  const entries = new Set<string>();
  for (const file of commit.files.keys()) {
    if (!file.startsWith(prefix)) continue;
    const rest = file.slice(prefix.length);
    entries.add(prefix + rest.split("/")[0]);
  }
  if (entries.size === 0)
    throw new HttpError(404, `object does not exist [id: , rel_path: ${path}]`);
  const listOptions = { ...contentOptions, withContent: false };
  return json(
    200,
    [...entries].sort().map((entry) => contentsJson(urls, repo, commit, entry, listOptions)),
  );
}

/**
 * A file's bytes as they are (Gitea's file.go GetRawFile): no size cap, `X-Gitea-Object-Type`.
 * A directory answers 404 like a missing path (Gitea's getBlobForEntry; submodules too).
 */
export function getRawFile(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const ref = refOf(ctx, repo);
  const commit = ctx.store.resolveRef(repo, ref);
  if (!commit) throw new HttpError(404, `object does not exist [id: ${ref}, rel_path: ]`);
  const path = (ctx.params.filepath ?? "").replace(/^\/+|\/+$/g, "");
  const file = commit.files.get(path);
  if (!file) throw new HttpError(404, "The target couldn't be found.");
  return {
    status: 200,
    raw: file.content,
    headers: { "Content-Type": "application/octet-stream", "X-Gitea-Object-Type": "file" },
  };
}

function decodeContent(body: Record<string, unknown>): Buffer {
  const content = optionalString(body, "content");
  if (content === undefined) throw new HttpError(422, "[Content]: Required");
  if (!/^[A-Za-z0-9+/=\s]*$/.test(content)) throw new HttpError(422, "invalid base64 content");
  return Buffer.from(content, "base64");
}

function writeFile(ctx: HandlerContext, mode: "create" | "update") {
  const repo = requireRepo(ctx);
  requireWrite(ctx, repo);
  const body = bodyObject(ctx);
  const path = (ctx.params.filepath ?? "").replace(/^\/+|\/+$/g, "");
  const content = decodeContent(body);
  const branch = optionalString(body, "branch") || repo.defaultBranch;
  const newBranch = optionalString(body, "new_branch") || branch;
  const headSha = repo.branches.get(branch);
  const head = headSha === undefined ? undefined : repo.commits.get(headSha);
  if (!head) throw new HttpError(404, `branch does not exist [name: ${branch}]`);
  if (newBranch !== branch && repo.branches.has(newBranch)) {
    throw new HttpError(422, `branch already exists [name: ${newBranch}]`);
  }
  const current = head.files.get(path);
  if (mode === "create" && current) {
    throw new HttpError(422, `repository file already exists [path: ${path}]`);
  }
  if (mode === "update") {
    // Gitea 1.25: `sha` is required on PUT (only main creates a file on an empty sha).
    const sha = optionalString(body, "sha");
    if (!sha) throw new HttpError(422, "[SHA]: Required");
    if (!current) throw new HttpError(404, `repository file does not exist [path: ${path}]`);
    if (sha !== current.sha) {
      throw new HttpError(422, `sha does not match [given: ${sha}, expected: ${current.sha}]`);
    }
  }
  const commitSha = commitFile(ctx.store, repo, path, content, {
    branch,
    newBranch,
    message: optionalString(body, "message"),
    author: ctx.user.login,
  });
  const commit = repo.commits.get(commitSha);
  if (!commit) throw new HttpError(500, "commit lost");
  const urls = { root: ctx.rootUrl };
  return json(mode === "create" ? 201 : 200, {
    content: contentsJson(urls, repo, commit, path, {
      maxBlobSize: ctx.options.maxBlobSize,
      ref: newBranch,
      withContent: false,
    }),
    commit: commitJson(ctx.store, urls, repo, commit, false),
    verification: {
      verified: false,
      reason: "gpg.error.not_signed_commit",
      signature: "",
      signer: null,
      payload: "",
    },
  });
}

export function createFile(ctx: HandlerContext) {
  return writeFile(ctx, "create");
}

export function updateFile(ctx: HandlerContext) {
  return writeFile(ctx, "update");
}
