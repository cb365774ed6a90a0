/**
 * One sync of one repository (SPEC §3.4): read the document at a commit, parse it, list the
 * tracking issues, plan, write, and post the commit status. The webhook, `/deferbot sync`,
 * `deferbot sync` and the Actions mode all come through here.
 */
import type { Diagnostic, Finding } from "../core/document/types.js";
import { commitFileUrl } from "../core/issue/links.js";
import type { RenderContext } from "../core/issue/types.js";
import { describeOutcome, type OutcomeLine } from "../core/plan/describe-outcome.js";
import { planSync } from "../core/plan/plan-sync.js";
import type { SyncPlan, TrackedIssue } from "../core/plan/types.js";
import type { Forge } from "../port/forge.js";
import { type ActionOutcome, executePlan } from "./execute-plan.js";
import type { ConfigCache, LoadedConfig } from "./load-repo-config.js";
import type { ParseCache } from "./parse-cache.js";
import { parsedOf, readRegister } from "./read-register.js";
import { recordWrites } from "./record-writes.js";
import {
  type DashboardOutcome,
  syncDashboard,
  toTrackedIssue,
  withoutDashboards,
} from "./sync-dashboard.js";

export const STATUS_CONTEXT = "deferbot";

export interface SyncRequest {
  /** Commit to read the document at; absent: the default branch's head when the sync starts. */
  sha?: string;
  allowCloseAll?: boolean;
  /** Plan only: no write, no status. */
  dryRun?: boolean;
  /** Refresh the dashboard only (after ticks): no issue write, no status (SPEC §8). */
  dashboardOnly?: boolean;
}

export interface SyncDeps {
  forge: Forge;
  configs: ConfigCache;
  parses: ParseCache;
  concurrency: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SyncResult {
  sha: string;
  config: LoadedConfig;
  findings: Finding[];
  diagnostics: Diagnostic[];
  plan: SyncPlan;
  outcomes: ActionOutcome[];
  status: OutcomeLine;
  /** The dashboard step (SPEC §8); null on a dry run. */
  dashboard: DashboardOutcome | null;
  /** Set when the sync was skipped because this commit was already synced (the result is that sync's). */
  skipped?: true;
}

export async function syncRepository(deps: SyncDeps, request: SyncRequest): Promise<SyncResult> {
  const { forge } = deps;
  const repo = await forge.repo();
  const sha = request.sha ?? (await forge.branchHead(repo.defaultBranch));
  const loaded = await deps.configs.get(sha);
  const { config } = loaded;

  const read = await readRegister(deps, config, sha);
  const parsed = parsedOf(read);

  const listed = await forge.listBotIssues();
  const tracked: TrackedIssue[] = withoutDashboards(listed).map(toTrackedIssue);
  const ctx: RenderContext = {
    repoHtmlUrl: repo.htmlUrl,
    documentPath: config.document,
    commitSha: sha,
    config,
    today: new Date().toISOString().slice(0, 10),
  };
  const plan = planSync({
    findings: parsed.findings,
    diagnostics: parsed.diagnostics,
    documentFound: read.kind !== "missing",
    tracked,
    ctx,
    allowCloseAll: request.allowCloseAll ?? false,
  });

  const writes = recordWrites(forge);
  const skipWrites = request.dryRun || request.dashboardOnly;
  const outcomes = skipWrites
    ? []
    : await executePlan(plan, {
        forge: writes.forge,
        findings: parsed.findings,
        ctx,
        concurrency: deps.concurrency,
        ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
      });
  const dashboard = request.dryRun
    ? null
    : await syncDashboard({ forge, repo, config, issues: writes.applyTo(listed), ...parsed });
  const failures = outcomes.flatMap((o) =>
    o.error === undefined ? [] : [`${o.action.kind} ${o.action.findingId}: ${o.error}`],
  );
  if (dashboard?.error !== undefined) failures.push(`dashboard: ${dashboard.error}`);
  const status = describeOutcome({
    plan,
    failures,
    configErrors: loaded.errors,
    configPath: loaded.path,
    documentPath: config.document,
  });
  if (!request.dryRun && !request.dashboardOnly)
    await forge.setStatus(sha, {
      context: STATUS_CONTEXT,
      state: status.state,
      description: status.description,
      targetUrl: commitFileUrl(repo.htmlUrl, sha, config.document),
    });
  return {
    sha,
    config: loaded,
    findings: parsed.findings,
    diagnostics: parsed.diagnostics,
    plan,
    outcomes,
    status,
    dashboard,
  };
}
