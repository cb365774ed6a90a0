/**
 * The dashboard among the bot's issues (SPEC §8): bot author (the listing is `created_by` the
 * bot) and the hidden marker `<!-- deferbot:dashboard document=PATH -->` naming this register.
 * Two dashboards for one register are twins (§3.1): one is kept, the others closed.
 */

import { chooseKeptTwin, type TwinCandidate } from "../plan/keep-twin.js";
import { dashboardDocumentPath } from "./dashboard-body.js";
import { readDashboardState } from "./dashboard-state.js";

/** A bot-authored issue as the listing gives it, with what the dashboard needs. */
export interface DashboardIssue extends TwinCandidate {
  title: string;
  body: string;
  state: "open" | "closed";
  /** Gitea's `pin_order`: 0 when not pinned. */
  pinOrder: number;
}

export function isDashboardOf(issue: Pick<DashboardIssue, "body">, documentPath: string): boolean {
  return dashboardDocumentPath(issue.body) === documentPath;
}

/** Whether an issue is any register's dashboard: the sync leaves these out of the tracked issues. */
export function isDashboard(issue: Pick<DashboardIssue, "body">): boolean {
  return dashboardDocumentPath(issue.body) !== null;
}

export interface IdentifiedDashboard<T extends DashboardIssue> {
  /** The dashboard kept, or null when the register has none. */
  kept: T | null;
  /** Its twins, to close. */
  twins: T[];
}

export function identifyDashboard<T extends DashboardIssue>(
  issues: readonly T[],
  documentPath: string,
): IdentifiedDashboard<T> {
  const mine = issues.filter((issue) => isDashboardOf(issue, documentPath));
  // An open dashboard wins over a closed one, and a closed one over a twin the bot closed.
  const open = mine.filter((issue) => issue.state === "open");
  const closed = mine.filter((issue) => readDashboardState(issue.body)?.closed?.reason !== "twin");
  const [kept, ...twins] = chooseKeptTwin(
    open.length > 0 ? open : closed.length > 0 ? closed : mine,
  );
  return { kept: kept ?? null, twins: twins.filter((twin) => twin.state === "open") };
}
