/** Pinned issues (Gitea 1.20+): the dashboard is pinned by the bot (SPEC §8). */
import { type GiteaClient, send } from "./client.js";
import { ignoredBody, newPinAllowedSchema } from "./schema.js";

/** Whether the repository takes one more pinned issue (`[repository.issue] MAX_PINNED`). */
export async function newPinAllowed(client: GiteaClient): Promise<boolean> {
  const { data } = await send(
    client.octokit,
    "GET /repos/{owner}/{repo}/new_pin_allowed",
    { owner: client.owner, repo: client.repo },
    newPinAllowedSchema,
  );
  return data.issues;
}

/** Pins an issue; 204, and 403 at the pin limit (Gitea moves no other pin). */
export async function pinIssue(client: GiteaClient, number: number): Promise<void> {
  await send(
    client.octokit,
    "POST /repos/{owner}/{repo}/issues/{index}/pin",
    { owner: client.owner, repo: client.repo, index: number },
    ignoredBody,
  );
}

/** Unpins an issue; 204. */
export async function unpinIssue(client: GiteaClient, number: number): Promise<void> {
  await send(
    client.octokit,
    "DELETE /repos/{owner}/{repo}/issues/{index}/pin",
    { owner: client.owner, repo: client.repo, index: number },
    ignoredBody,
  );
}
