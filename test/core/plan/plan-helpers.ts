/** Tracked issues for the planner tests, rendered the way the bot writes them. */

import type { Finding } from "../../../src/core/document/types.js";
import { renderNewIssue } from "../../../src/core/issue/render-issue.js";
import type { TrackedIssue } from "../../../src/core/plan/types.js";
import { tick } from "../../fixtures/issue/issue-helpers.js";
import { seedContext } from "../../fixtures/issue/seed-findings.js";

export function trackedIssue(
  finding: Finding,
  number: number,
  options: { ticked?: number[]; createdAt?: string; patch?: Partial<TrackedIssue> } = {},
): TrackedIssue {
  const issue = renderNewIssue(finding, seedContext());
  let body = issue.body;
  for (const index of options.ticked ?? []) body = tick(body, index);
  return {
    number,
    title: issue.title,
    body,
    state: "open",
    labels: issue.labels,
    createdAt: options.createdAt ?? `2026-01-${String(number).padStart(2, "0")}T00:00:00Z`,
    ...options.patch,
  };
}
