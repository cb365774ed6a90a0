/** The bot's own user and other users' permissions. */
import { type GiteaClient, type OctokitLike, send } from "./client.js";
import { GiteaError } from "./errors.js";
import { permissionSchema, userSchema } from "./schema.js";
import type { CollaboratorPermission, GiteaUser } from "./types.js";

/** The token's owner (`GET /user`); its `login` is how the bot recognises its own events. */
export async function getAuthenticatedUser(octokit: OctokitLike): Promise<GiteaUser> {
  const { data } = await send(octokit, "GET /user", {}, userSchema);
  return data;
}

const KNOWN_PERMISSIONS = new Set(["none", "read", "write", "admin", "owner"]);

/**
 * A user's permission on the repository. Gitea answers `owner` for the repo owner, site admins
 * and org owners (GitHub never does). Gitea answers 403 unless the caller is a site admin, a
 * repo admin or the user asked about: that is reported as `unknown`, not as an error.
 */
export async function getCollaboratorPermission(
  client: GiteaClient,
  username: string,
): Promise<CollaboratorPermission> {
  try {
    const { data } = await send(
      client.octokit,
      "GET /repos/{owner}/{repo}/collaborators/{collaborator}/permission",
      { owner: client.owner, repo: client.repo, collaborator: username },
      permissionSchema,
    );
    return KNOWN_PERMISSIONS.has(data.permission)
      ? (data.permission as CollaboratorPermission)
      : "unknown";
  } catch (error) {
    if (error instanceof GiteaError && error.status === 403) return "unknown";
    if (error instanceof GiteaError && error.status === 404) return "none";
    throw error;
  }
}
