/**
 * After a person's edit of a tracking issue (ticks), the dashboard is refreshed (SPEC §8): a
 * dashboard-only request on the sync queue, which folds into a sync waiting there. Its cost:
 * the reads a sync makes up to the listing, and one PATCH of the dashboard only if its block
 * changed (no issue write, no status).
 */
import type { Logger } from "pino";
import { isDashboard } from "../../core/dashboard/identify-dashboard.js";
import type { Deferbot } from "../deferbot.js";
import type { IssuesPayload } from "../webhook-payloads.js";

export function queueDashboardRefresh(bot: Deferbot, payload: IssuesPayload, log: Logger): void {
  const { issue } = payload;
  if (bot.isSelf(payload.sender.login) || issue.pull_request) return;
  if (!bot.isSelf(issue.user.login) || isDashboard({ body: issue.body })) return;
  const fullName = payload.repository.full_name;
  bot.sync(fullName, { dashboardOnly: true }).catch((error: unknown) => {
    log.warn({ repo: fullName, err: error }, "dashboard refresh failed; the next sync repairs it");
  });
}
