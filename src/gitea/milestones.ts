/** The repository's milestones. */
import { type GiteaClient, sendAllPages } from "./client.js";
import { milestoneSchema } from "./schema.js";
import type { GiteaMilestone } from "./types.js";

/** Every milestone, open and closed: Gitea lists only the open ones unless `state=all`. */
export async function listMilestones(client: GiteaClient): Promise<GiteaMilestone[]> {
  return sendAllPages(
    client.octokit,
    "GET /repos/{owner}/{repo}/milestones",
    { owner: client.owner, repo: client.repo, state: "all" },
    milestoneSchema,
  );
}
