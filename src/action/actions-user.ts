/**
 * The user Gitea Actions' automatic token acts as: Gitea's built-in `gitea-actions` (ID -2,
 * models/user/user_system.go `NewActionsUser`), whatever the workflow calls the token
 * (`secrets.GITEA_TOKEN`, `secrets.GITHUB_TOKEN`, `github.token`). Tracking issues it opened
 * would not be the bot user's, so deferbot refuses to run with it.
 */
export const ACTIONS_USER_LOGIN = "gitea-actions";

export function isActionsUser(login: string): boolean {
  return login.toLowerCase() === ACTIONS_USER_LOGIN;
}
