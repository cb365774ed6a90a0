/** The tracking issues among a fake repository's issues: pull requests and the register's dashboard (SPEC §8) left out. */
import { isDashboard } from "../../src/core/dashboard/identify-dashboard.js";

export function trackingIssues<I extends { body: string; pull?: unknown }>(
  issues: readonly I[],
): I[] {
  return issues.filter((issue) => !issue.pull && !isDashboard(issue));
}
