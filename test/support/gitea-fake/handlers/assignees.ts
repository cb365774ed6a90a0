/** `GET /repos/{owner}/{repo}/assignees` (models/repo/user_repo.go GetRepoAssignees). */
import { type HandlerContext, json, requireRepo } from "../http.js";
import { userJson } from "../serialize.js";
import { canWrite } from "../store.js";

/**
 * The collaborators with write access or more, by login, then the owner (a user, not an
 * organisation, in this fake). Site admins are not listed unless they are collaborators, though
 * Gitea lets them be assigned. One answer, no paging.
 */
export function listAssignees(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const writers = [...repo.collaborators]
    .filter(([, permission]) => canWrite(permission))
    .map(([login]) => ctx.store.user(login)?.login ?? login)
    .filter((login) => login.toLowerCase() !== repo.owner.toLowerCase())
    .sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));
  const logins = [...writers, repo.owner];
  return json(
    200,
    logins.map((login) => userJson({ root: ctx.rootUrl }, ctx.store.user(login), login)),
  );
}
