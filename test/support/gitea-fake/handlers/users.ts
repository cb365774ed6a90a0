/** `GET /user` and collaborator permissions. */
import { type HandlerContext, HttpError, json, requireRepo } from "../http.js";
import { userJson } from "../serialize.js";

export function getAuthenticatedUser(ctx: HandlerContext) {
  return json(200, userJson({ root: ctx.rootUrl }, ctx.user, ctx.user.login));
}

/**
 * Gitea answers 403 unless the caller is a site admin, a repo admin (or owner) or the user
 * asked about; 404 for an unknown user; `owner` for the repo owner and site admins.
 */
export function getCollaboratorPermission(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const login = ctx.params.collaborator ?? "";
  const callerPermission = ctx.store.permissionOf(repo, ctx.user.login);
  const isSelf = ctx.user.login.toLowerCase() === login.toLowerCase();
  if (!isSelf && callerPermission !== "admin" && callerPermission !== "owner") {
    throw new HttpError(
      403,
      "Only admins can query all permissions, repo admins can query all repo permissions, collaborators can query only their own",
    );
  }
  const target = ctx.store.user(login);
  if (!target) throw new HttpError(404, `user redirect does not exist [name: ${login}]`);
  const permission = ctx.store.permissionOf(repo, target.login);
  return json(200, {
    permission,
    role_name: permission,
    user: userJson({ root: ctx.rootUrl }, target, target.login),
  });
}
