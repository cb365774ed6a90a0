/** Who may be assigned to the repository's issues. */
import * as z from "../zod.js";
import { type GiteaClient, send } from "./client.js";
import { userSchema } from "./schema.js";
import type { GiteaUser } from "./types.js";

/**
 * The users Gitea lets be assigned (`GET /repos/{owner}/{repo}/assignees`): the owner and the
 * collaborators and team members with write access. One unpaged answer: the endpoint takes no
 * `page`/`limit`.
 */
export async function listRepoAssignees(client: GiteaClient): Promise<GiteaUser[]> {
  const { data } = await send(
    client.octokit,
    "GET /repos/{owner}/{repo}/assignees",
    { owner: client.owner, repo: client.repo },
    z.array(userSchema),
  );
  return data;
}
