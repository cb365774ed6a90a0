/**
 * The bot's issues as the planner reads them, from one listing (⌈M/50⌉ pages): dashboards left
 * out (SPEC §8), labels as names. Shared by the sync and the PR preview.
 */

import { isDashboard } from "../core/dashboard/identify-dashboard.js";
import type { TrackedIssue } from "../core/plan/types.js";
import type { Forge, Issue } from "../port/forge.js";

/** The bot's issues without any register's dashboard: what the sync's planner tracks. */
export function withoutDashboards<T extends Pick<Issue, "body">>(issues: readonly T[]): T[] {
  return issues.filter((issue) => !isDashboard(issue));
}

export function trackedIssuesOf(listed: readonly Issue[]): TrackedIssue[] {
  return withoutDashboards(listed).map((issue) => ({
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    labels: issue.labels.map((label) => label.name),
    createdAt: issue.createdAt,
    ...(issue.comments === undefined ? {} : { comments: issue.comments }),
    issueFields: { assignees: issue.assignees, dueDate: issue.dueDate, milestone: issue.milestone },
  }));
}

export async function listTrackedIssues(forge: Forge): Promise<TrackedIssue[]> {
  return trackedIssuesOf(await forge.listBotIssues());
}
