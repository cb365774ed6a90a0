/** Repository, branches and commits. */
import { type HandlerContext, HttpError, json, requireRepo } from "../http.js";
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

/** `git/commits/{sha}` takes a sha (short ones are expanded); anything else is 422. */
export function getCommit(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const sha = ctx.params.sha ?? "";
  if (!/^[0-9a-f]{4,64}$/i.test(sha)) throw new HttpError(422, `no valid ID: ${sha}`);
  const commit = ctx.store.commitBySha(repo, sha);
  if (!commit) throw new HttpError(404, `object does not exist [id: ${sha}, rel_path: ]`);
  const withFiles = ctx.query.get("files") !== "false";
  return json(200, commitJson(ctx.store, { root: ctx.rootUrl }, repo, commit, withFiles));
}
