/** The bot's issues as the planner reads them: one listing (⌈M/50⌉ pages), shared by the sync and the PR preview. */
import type { TrackedIssue } from "../core/plan/types.js";
import type { Forge } from "../port/forge.js";

export async function listTrackedIssues(forge: Forge): Promise<TrackedIssue[]> {
  return (await forge.listBotIssues()).map((issue) => ({
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    labels: issue.labels.map((label) => label.name),
    createdAt: issue.createdAt,
    ...(issue.comments === undefined ? {} : { comments: issue.comments }),
  }));
}
