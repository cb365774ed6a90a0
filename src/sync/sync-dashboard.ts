/**
 * The dashboard step of a sync (SPEC §8), after the issue writes: the content from the findings
 * and the issues as the sync left them (no listing again), the plan from the pure core, then its
 * writes. Its cost (§3.4): `GET …/new_pin_allowed` only while the dashboard is not pinned;
 * nothing else when its block is unchanged; when it changed, a re-read and one PATCH (people's
 * text around the block is kept), or a create; a pin or unpin when needed.
 */
import type { RepoConfig } from "../core/config/repo-config.js";
import { withDashboardBlock } from "../core/dashboard/dashboard-body.js";
import { dashboardContent } from "../core/dashboard/dashboard-content.js";
import {
  type DashboardIssue,
  identifyDashboard,
  isDashboardOf,
} from "../core/dashboard/identify-dashboard.js";
import {
  type DashboardAction,
  needsPinCheck,
  PIN_LIMIT_NOTICE,
  planDashboard,
} from "../core/dashboard/plan-dashboard.js";
import type { Finding } from "../core/document/types.js";
import { readState } from "../core/issue/state-line.js";
import type { SyncDiagnostic } from "../core/issue-fields/types.js";
import type { Forge, Issue, RepoInfo } from "../port/forge.js";
import { trackedIssuesOf } from "./list-tracked-issues.js";

export interface DashboardOutcome {
  /** The dashboard's issue number, or null when there is none (off, or a write failed). */
  number: number | null;
  /** Whether anything was written (block, state, pin). */
  wrote: boolean;
  /** A line for the sync summary (the pin limit, a dashboard closed by a person), or null. */
  notice: string | null;
  error?: string;
}

export interface DashboardInput {
  forge: Forge;
  repo: RepoInfo;
  config: RepoConfig;
  /** The bot's issues as the sync left them (recordWrites), dashboards included. */
  issues: readonly Issue[];
  findings: readonly Finding[];
  /** The document's diagnostics and the issue-field warnings (SPEC §8). */
  diagnostics: readonly SyncDiagnostic[];
}

/** The dashboard step; a failure is reported in the outcome (the next sync repairs it), never thrown. */
export async function syncDashboard(input: DashboardInput): Promise<DashboardOutcome> {
  try {
    return await keepDashboard(input);
  } catch (error) {
    return {
      number: null,
      wrote: false,
      notice: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

async function keepDashboard(input: DashboardInput): Promise<DashboardOutcome> {
  const { forge, config } = input;
  const identified = identifyDashboard(
    await candidates(forge, input.issues, config),
    config.document,
  );
  if (
    config.dashboard === false &&
    identified.kept?.state !== "open" &&
    identified.twins.length === 0
  )
    return { number: identified.kept?.number ?? null, wrote: false, notice: null };

  const content = dashboardContent({
    findings: input.findings,
    diagnostics: input.diagnostics,
    tracked: trackedIssuesOf(input.issues),
    idPattern: config.idPattern,
    lastChange: (issue) => readState(issue.body)?.changedOn ?? null,
  });
  const pinAllowed = needsPinCheck(config, identified) ? await forge.pinAllowed() : true;
  const plan = planDashboard({
    config,
    identified,
    content,
    ctx: {
      repoHtmlUrl: input.repo.htmlUrl,
      documentPath: config.document,
      defaultBranch: input.repo.defaultBranch,
      riskLevels: config.riskLevels,
      mentions: config.mentions,
    },
    pinAllowed,
  });
  const outcome: DashboardOutcome = {
    number: identified.kept?.number ?? null,
    wrote: false,
    notice: plan.notice,
  };
  for (const action of plan.actions) {
    const result = await runDashboardAction(forge, action);
    outcome.wrote ||= result.wrote;
    if (action.kind === "create") outcome.number = result.number;
    if (result.pinLimit) outcome.notice = PIN_LIMIT_NOTICE;
  }
  return outcome;
}

/**
 * This register's dashboards with the work people did on them (§3.1, comments by people). Only
 * twins need the comments, so they are read only when there are two or more (rare).
 */
async function candidates(
  forge: Forge,
  issues: readonly Issue[],
  config: RepoConfig,
): Promise<DashboardIssue[]> {
  const mine = issues.filter((issue) => isDashboardOf(issue, config.document));
  if (mine.length < 2) return mine.map((issue) => ({ ...issue, work: 0 }));
  return Promise.all(
    mine.map(async (issue) => {
      const comments = await forge.listComments(issue.number);
      return { ...issue, work: comments.filter((c) => c.author !== issue.author).length };
    }),
  );
}

interface ActionResult {
  wrote: boolean;
  number: number;
  /** A pin the forge refused at its limit (one raced in since `new_pin_allowed`). */
  pinLimit?: true;
}

async function runDashboardAction(forge: Forge, action: DashboardAction): Promise<ActionResult> {
  switch (action.kind) {
    case "create": {
      const created = await forge.createIssue({
        title: action.title,
        body: action.body,
        labels: action.labels,
      });
      if (!action.pin) return { wrote: true, number: created.number };
      const pinned = await forge.pinIssue(created.number);
      return {
        wrote: true,
        number: created.number,
        ...(pinned === "limit" ? { pinLimit: true } : {}),
      };
    }
    case "update":
    case "reopen": {
      // Re-read: a person's note written since the listing is kept around the block.
      const fresh = await forge.getIssue(action.number);
      const body = withDashboardBlock(fresh.body, action.block);
      const state =
        action.kind === "reopen" && fresh.state === "closed" ? { state: "open" as const } : {};
      if (body === fresh.body && !("state" in state))
        return { wrote: false, number: action.number };
      await forge.editIssue(action.number, { ...state, ...(body === fresh.body ? {} : { body }) });
      return { wrote: true, number: action.number };
    }
    case "pin": {
      const pinned = await forge.pinIssue(action.number);
      return pinned === "limit"
        ? { wrote: false, number: action.number, pinLimit: true }
        : { wrote: true, number: action.number };
    }
    case "unpin":
      await forge.unpinIssue(action.number);
      return { wrote: true, number: action.number };
    case "close": {
      const fresh = await forge.getIssue(action.number);
      if (fresh.state === "closed") return { wrote: false, number: action.number };
      await forge.comment(action.number, action.comment);
      await forge.editIssue(action.number, {
        state: "closed",
        body: withDashboardBlock(fresh.body, action.block),
      });
      return { wrote: true, number: action.number };
    }
  }
}
