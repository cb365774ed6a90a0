/** Milestones (routers/api/v1/repo/milestone.go): the listing the bot reads. */
import { type HandlerContext, paged, requireRepo } from "../http.js";
import type { FakeMilestone } from "../store.js";

/**
 * `state` open (default, and for any other value), closed or all; `name` a case-insensitive
 * substring. Ordered by due date then ID (no due dates here: by ID). X-Total-Count, no Link.
 */
export function listMilestones(ctx: HandlerContext) {
  const repo = requireRepo(ctx);
  const state = ctx.query.get("state");
  const name = (ctx.query.get("name") ?? "").toLowerCase();
  const matches = (repo.milestones ?? [])
    .filter((milestone) => {
      if (state === "closed" && milestone.state !== "closed") return false;
      if (state !== "closed" && state !== "all" && milestone.state !== "open") return false;
      return milestone.title.toLowerCase().includes(name);
    })
    .sort((a, b) => a.id - b.id);
  return paged(ctx, matches, (milestone) => milestoneJson(repo.issues, milestone), false);
}

export function milestoneJson(
  issues: readonly { state: string; milestone?: { id: number } | null }[],
  milestone: FakeMilestone,
): unknown {
  const mine = issues.filter((issue) => issue.milestone?.id === milestone.id);
  return {
    id: milestone.id,
    title: milestone.title,
    description: milestone.description,
    state: milestone.state,
    open_issues: mine.filter((issue) => issue.state === "open").length,
    closed_issues: mine.filter((issue) => issue.state === "closed").length,
    created_at: milestone.createdAt,
    updated_at: milestone.createdAt,
    closed_at: milestone.closedAt,
    // Gitea stores "no due date" as 9999-12-31 and answers null for it.
    due_on: null,
  };
}
