/** Repository, branches and commits. */
import { type HandlerContext, HttpError, json, pageParams, requireRepo } from "../http.js";
import { commitJson, repoJson } from "../serialize.js";

export function getRepository(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  return json(200, repoJson(ctx.store, { root: ctx.rootUrl }, repo, ctx.user.login));
}

export function getBranch(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const name = ctx.params.branch ?? "";
  const sha = repo.branches.get(name);
  const commit = sha === undefined ? undefined : repo.commits.get(sha);
  if (!commit) throw new HttpError(404, "The target couldn't be found.");
  return json(200, {
    name,
    commit: {
      id: commit.sha,
      message: commit.message,
      url: `${ctx.rootUrl}${repo.owner}/${repo.name}/commit/${commit.sha}`,
      author: {
        name: commit.author,
        email: `${commit.author}@noreply.localhost`,
        username: commit.author,
      },
      committer: {
        name: commit.author,
        email: `${commit.author}@noreply.localhost`,
        username: commit.author,
      },
      verification: null,
      timestamp: commit.date,
      added: null,
      removed: null,
      modified: null,
    },
    protected: false,
    required_approvals: 0,
    enable_status_check: false,
    status_check_contexts: [],
    user_can_push: true,
    user_can_merge: true,
    effective_branch_protection_name: "",
  });
}

/** Gitea's `refNamePatternInvalid` (modules/git/ref.go). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: git refuses control characters in a ref
const INVALID_REF = /[\x00-\x1f\x7f \\~^:?*[]|^[/.]|\/\.|\.lock$|\.lock\/|\.\.|\/\/|@\{|[/.]$|^@$/;

/**
 * `git/commits/{sha}` takes "a git ref or commit sha" (1.25's contract): Gitea checks the ref
 * pattern (`git.IsValidRefPattern`, 422 otherwise) and hands the rest to `git cat-file`, which
 * resolves a full or abbreviated sha, a branch, and `HEAD` (the symbolic ref Gitea keeps on the
 * default branch).
 */
export function getCommit(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const ref = ctx.params.sha ?? "";
  if (INVALID_REF.test(ref)) throw new HttpError(422, `no valid ref or sha: ${ref}`);
  const commit = ctx.store.resolveRef(repo, ref === "HEAD" ? repo.defaultBranch : ref);
  if (!commit) throw new HttpError(404, `object does not exist [id: ${ref}, rel_path: ]`);
  const withFiles = ctx.query.get("files") !== "false";
  return json(200, commitJson(ctx.store, { root: ctx.rootUrl }, repo, commit, withFiles));
}

/**
 * `GET /repos/search`: the repositories the caller can see; with `uid`, only those that user
 * owns or is a collaborator of (`exclusive`: owns). Each result carries the caller's
 * `permissions`, as Gitea's does.
 */
export function searchRepositories(ctx: HandlerContext) {
  const uid = Number.parseInt(ctx.query.get("uid") ?? "", 10);
  const exclusive = ctx.query.get("exclusive") === "true";
  const member = Number.isNaN(uid) ? undefined : ctx.store.users.find((user) => user.id === uid);
  const visible = ctx.store.repos.filter((repo) => {
    if (ctx.store.permissionOf(repo, ctx.user.login) === "none") return false;
    if (Number.isNaN(uid)) return true;
    if (member === undefined) return false;
    const owns = repo.owner.toLowerCase() === member.login.toLowerCase();
    return owns || (!exclusive && repo.collaborators.has(member.login.toLowerCase()));
  });
  // `sort=alpha` orders by name (Gitea: lower_name, the owner's name first); otherwise by id.
  if (ctx.query.get("sort") === "alpha") {
    const key = (repo: (typeof visible)[number]) => `${repo.owner}/${repo.name}`.toLowerCase();
    visible.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    if (ctx.query.get("order") === "desc") visible.reverse();
  }
  const { page, limit } = pageParams(ctx);
  const slice = visible.slice((page - 1) * limit, page * limit);
  return json(
    200,
    {
      ok: true,
      data: slice.map((repo) => repoJson(ctx.store, { root: ctx.rootUrl }, repo, ctx.user.login)),
    },
    { "X-Total-Count": String(visible.length) },
  );
}
