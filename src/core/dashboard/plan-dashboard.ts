/**
 * What one sync does with the register's dashboard (SPEC §8). Pure: the shell reads, writes and
 * pins. Its cost (§3.4): the dashboard is in the listing (0 reads); it is written only when its
 * rendered block changed, so a no-op sync writes nothing; `GET …/new_pin_allowed` is read only
 * while the dashboard is not pinned (`needsPinCheck`).
 */
import { type DashboardConfig, DEFAULT_DASHBOARD } from "../config/repo-config.js";
import { currentDashboardBlock } from "./dashboard-body.js";
import {
  DASHBOARD_STATE_VERSION,
  type DashboardState,
  readDashboardState,
} from "./dashboard-state.js";
import type { DashboardIssue, IdentifiedDashboard } from "./identify-dashboard.js";
import { DASHBOARD_LABEL } from "./markers.js";
import { renderDashboardBlock } from "./render-dashboard.js";
import type { DashboardContent, DashboardRenderContext } from "./types.js";

export type DashboardAction =
  /** Open the dashboard; pin it after when `pin`. */
  | { kind: "create"; title: string; body: string; labels: string[]; pin: boolean }
  /** Re-read the issue, put `block` in place of its block (withDashboardBlock), write if it changed. */
  | { kind: "update"; number: number; block: string }
  | { kind: "reopen"; number: number; block: string }
  | { kind: "pin"; number: number }
  | { kind: "unpin"; number: number }
  /** Comment, then close with `block` (its state records why) in place of the block. */
  | { kind: "close"; number: number; block: string; comment: string };

export interface DashboardPlan {
  actions: DashboardAction[];
  /** A line for the sync summary, or null (the pin limit, a dashboard a person closed). */
  notice: string | null;
}

export interface DashboardPlanInput {
  config: { dashboard: DashboardConfig | false; labels: { bot: string }; document: string };
  identified: IdentifiedDashboard<DashboardIssue>;
  content: DashboardContent;
  ctx: Omit<DashboardRenderContext, "maxRows">;
  /** Whether Gitea takes one more pin (`GET …/new_pin_allowed`); asked only when `needsPinCheck`. */
  pinAllowed: boolean;
}

export const PIN_LIMIT_NOTICE =
  "the dashboard is not pinned: Gitea's limit of pinned issues is reached (no one's pin was removed)";

/** Whether the shell must ask Gitea if a pin is allowed before planning. */
export function needsPinCheck(
  config: { dashboard: DashboardConfig | false },
  identified: IdentifiedDashboard<DashboardIssue>,
): boolean {
  if (config.dashboard === false) return false;
  const kept = identified.kept;
  if (!kept) return true;
  if (kept.state === "open") return kept.pinOrder === 0;
  return readDashboardState(kept.body)?.closed?.reason === "disabled";
}

export function planDashboard(input: DashboardPlanInput): DashboardPlan {
  const { config, identified } = input;
  const kept = identified.kept;
  // A dashboard turned off is closed with its last rows in place, listed as by default.
  const settings = config.dashboard || DEFAULT_DASHBOARD;
  const ctx: DashboardRenderContext = { ...input.ctx, maxRows: settings.maxRows };
  const render = (state: DashboardState, pinLimitReached: boolean) =>
    renderDashboardBlock(input.content, ctx, { state, pinLimitReached });
  const actions: DashboardAction[] = [];
  const OPEN: DashboardState = { v: DASHBOARD_STATE_VERSION, closed: null };

  for (const twin of identified.twins) {
    if (!kept) break;
    if (twin.pinOrder > 0) actions.push({ kind: "unpin", number: twin.number });
    actions.push({
      kind: "close",
      number: twin.number,
      block: render(
        { v: DASHBOARD_STATE_VERSION, closed: { reason: "twin", twinOf: kept.number } },
        false,
      ),
      comment: `Duplicate of #${kept.number}, the dashboard of ${config.document}. Closing this one.`,
    });
  }

  if (config.dashboard === false) {
    if (kept?.state === "open") {
      if (kept.pinOrder > 0) actions.push({ kind: "unpin", number: kept.number });
      actions.push({
        kind: "close",
        number: kept.number,
        block: render({ v: DASHBOARD_STATE_VERSION, closed: { reason: "disabled" } }, false),
        comment: `The dashboard is turned off (\`dashboard: false\` in the configuration), so deferbot no longer keeps it up to date. Closing it; set \`dashboard: true\` to have it back.`,
      });
    }
    return { actions, notice: null };
  }

  if (!kept) {
    const block = render(OPEN, !input.pinAllowed);
    actions.push({
      kind: "create",
      title: settings.title,
      body: block,
      labels: [config.labels.bot, DASHBOARD_LABEL],
      pin: input.pinAllowed,
    });
    return { actions, notice: input.pinAllowed ? null : PIN_LIMIT_NOTICE };
  }

  if (kept.state === "closed") {
    if (readDashboardState(kept.body)?.closed?.reason !== "disabled") {
      return {
        actions,
        notice: `the dashboard #${kept.number} was closed on the tracker; reopen it to have it kept up to date`,
      };
    }
    actions.push({ kind: "reopen", number: kept.number, block: render(OPEN, !input.pinAllowed) });
    if (input.pinAllowed) actions.push({ kind: "pin", number: kept.number });
    return { actions, notice: input.pinAllowed ? null : PIN_LIMIT_NOTICE };
  }

  const pinned = kept.pinOrder > 0;
  const atLimit = !pinned && !input.pinAllowed;
  const block = render(OPEN, atLimit);
  if (currentDashboardBlock(kept.body) !== block)
    actions.push({ kind: "update", number: kept.number, block });
  if (!pinned && input.pinAllowed) actions.push({ kind: "pin", number: kept.number });
  return { actions, notice: atLimit ? PIN_LIMIT_NOTICE : null };
}
