/**
 * Who may run the commands that write (`sync`, `refresh`, `ignore`, `unignore`, `resolve`).
 *
 * On `issue_comment` Gitea fills `repository.permissions` with the COMMENTER's permission
 * (undocumented, Gitea only), so it is checked first at no cost. Without it the fallback is
 * the forge's permission check (`GET /collaborators/{user}/permission`, which answers `owner`
 * too, and 403 unless the bot is a repository admin: then `unknown`, nobody can be confirmed,
 * and the command is refused).
 */

import type { Permission } from "../port/forge.js";
import type { CommandContext } from "./context.js";

export interface WriteAccess {
  allowed: boolean;
  /** Where the answer came from, for the refusal text and the log. */
  source: "payload" | "collaborator-api";
  /** The permission the collaborator API answered (fallback only). */
  permission?: Permission;
}

const WRITERS: ReadonlySet<Permission> = new Set(["write", "admin", "owner"]);

export async function writeAccess(ctx: CommandContext): Promise<WriteAccess> {
  const permissions = ctx.payload.repository.permissions;
  if (
    permissions &&
    (typeof permissions.push === "boolean" || typeof permissions.admin === "boolean")
  ) {
    return { allowed: permissions.push === true || permissions.admin === true, source: "payload" };
  }
  const permission = await ctx.handle.forge.permissionOf(ctx.payload.sender.login);
  return { allowed: WRITERS.has(permission), source: "collaborator-api", permission };
}

export function refusalText(commandText: string, access: WriteAccess): string {
  const why =
    access.permission === "unknown"
      ? "I could not confirm your access: Gitea only tells a repository admin, and this bot is not one"
      : access.permission !== undefined
        ? `your access here is \`${access.permission}\``
        : "your account does not have it";
  return `Sorry, ${commandText} needs write access to this repository, and ${why}. Someone with write access can run it for you.`;
}
