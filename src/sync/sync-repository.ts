/**
 * One sync of one repository (SPEC §3.4): read the document at a commit, parse it, list the
 * tracking issues, plan, write, and post the commit status. The webhook, `/deferbot sync`,
 * `deferbot sync` and the Actions mode all come through here.
 */
import { DEFAULT_CONFIG } from "../core/config/repo-config.js";
import type { Finding } from "../core/document/types.js";
import { commitFileUrl } from "../core/issue/links.js";
import type { RenderContext } from "../core/issue/types.js";
import type { SyncDiagnostic } from "../core/issue-fields/types.js";
import {
  describeOutcome,
  failureReport,
  type OutcomeLine,
  type SyncOutcomeInput,
} from "../core/plan/describe-outcome.js";
import { planSync } from "../core/plan/plan-sync.js";
import type { SyncPlan } from "../core/plan/types.js";
import type { Forge } from "../port/forge.js";
import { type ActionOutcome, executePlan } from "./execute-plan.js";
import { resolveIssueFields } from "./issue-fields.js";
import { type DependencyOutcome, linkDependencies } from "./link-dependencies.js";
import { trackedIssuesOf } from "./list-tracked-issues.js";
import type { ConfigCache, LoadedConfig } from "./load-repo-config.js";
import { nextTurn } from "./next-turn.js";
import type { ParseCache } from "./parse-cache.js";
import { postPlannedComments } from "./post-planned-comments.js";
import { parsedOf, readDocumentEarly, readRegister } from "./read-register.js";
import { recordWrites } from "./record-writes.js";
import { type DashboardOutcome, syncDashboard } from "./sync-dashboard.js";
import { withTwinComments } from "./twin-comments.js";

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
  /** The bot's login: its marked comments are found again, people's comments counted. */
  botLogin: string;
  /** Before each re-read of an issue to write (see `ExecuteOptions.beforeReread`). */
  beforeReread?: () => Promise<void>;
}

export interface SyncResult {
  sha: string;
  config: LoadedConfig;
  findings: Finding[];
  /** The document's diagnostics and the issue-field warnings (SPEC §8), by line. */
  diagnostics: SyncDiagnostic[];
  plan: SyncPlan;
  outcomes: ActionOutcome[];
  /** The dependency step's work (SPEC §8), after the plan's writes; empty on a dry run. */
  dependencies: DependencyOutcome[];
  status: OutcomeLine;
  /** Every failed write in full, and the status post's own failure last (failureReport). */
  failures: string[];
  /** Set when posting the commit status failed: the status still has to go out. */
  statusFailure?: string;
  /** The dashboard step (SPEC §8); null on a dry run. */
  dashboard: DashboardOutcome | null;
  /** Set when the sync was skipped because this commit was already synced (the result is that sync's). */
  skipped?: true;
}

export async function syncRepository(deps: SyncDeps, request: SyncRequest): Promise<SyncResult> {
  const { forge } = deps;
  // The default branch's head needs no branch name: it is read beside the repository.
  const head = request.sha === undefined ? forge.defaultBranchHead() : Promise.resolve(request.sha);
  head.catch(() => {}); // awaited below, after the repository's read, whose failure comes first
  const repo = await forge.repo();
  // The listing needs neither the commit, the configuration nor the document: it goes out
  // just after the repository's read, so its page 1 is handled while the document is on its way.
  const listing = forge.listBotIssues();
  listing.catch(() => {}); // awaited below, after the reads that may fail first
  // The register's parser loads (and, inline, warms up) while the head and the document are read.
  deps.parses.prepare();
  const sha = await head;
  // Before the configuration is known, the document is read where the defaults put it, beside it.
  const early = deps.configs.kept ? undefined : readDocumentEarly(forge, sha, DEFAULT_CONFIG);
  const loaded = await deps.configs.get(sha);
  const { config } = loaded;

  const read = await readRegister(deps, config, sha, early);
  const parsed = parsedOf(read);
  await nextTurn();
  // Assignable users and milestones (SPEC §8) only when a finding names one; beside the listing.
  // A dashboard refresh resolves them too: its diagnostics list the warnings, as every sync's do.
  const resolving = resolveIssueFields(forge, parsed.findings, config);
  resolving.catch(() => {}); // awaited below, after the listing

  const listed = await listing;
  const fields = await resolving;
  await nextTurn();
  const tracked = await withTwinComments(trackedIssuesOf(listed), {
    forge,
    botLogin: deps.botLogin,
    idPattern: config.idPattern,
    concurrency: deps.concurrency,
  });
  const commentCounts = new Map<number, number>();
  for (const issue of tracked)
    if (issue.comments !== undefined) commentCounts.set(issue.number, issue.comments);
  const ctx: RenderContext = {
    repoHtmlUrl: repo.htmlUrl,
    documentPath: config.document,
    commitSha: sha,
    config,
    today: new Date().toISOString().slice(0, 10),
  };
  await nextTurn();
  const plan = planSync({
    findings: parsed.findings,
    diagnostics: parsed.diagnostics,
    documentFound: read.kind !== "missing",
    tracked,
    ctx,
    allowCloseAll: request.allowCloseAll ?? false,
    ...(fields ? { issueFields: fields } : {}),
  });

  // The dashboard (§8) is rendered from the issues as this sync leaves them.
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
        botLogin: deps.botLogin,
        commentCounts,
        ...(deps.beforeReread ? { beforeReread: deps.beforeReread } : {}),
        ...(fields ? { fields } : {}),
      });
  const created = new Map<string, number>();
  for (const o of outcomes)
    if (o.action.kind === "create" && o.number !== undefined && o.error === undefined)
      created.set(o.action.findingId, o.number);
  const dependencies = skipWrites
    ? []
    : await linkDependencies(plan.dependencies, {
        forge: writes.forge,
        concurrency: deps.concurrency,
        created,
        ...(deps.beforeReread ? { beforeReread: deps.beforeReread } : {}),
      });
  const commentFailures = skipWrites
    ? []
    : await postPlannedComments(plan.comments, {
        forge,
        botLogin: deps.botLogin,
        concurrency: deps.concurrency,
        commentCounts,
      });
  const diagnostics = [...parsed.diagnostics, ...(fields?.diagnostics ?? [])].sort(
    (a, b) => a.line - b.line,
  );
  await nextTurn();
  const dashboard = request.dryRun
    ? null
    : await syncDashboard({
        forge,
        repo,
        config,
        issues: writes.applyTo(listed),
        findings: parsed.findings,
        diagnostics,
      });
  const failures = [
    ...outcomes.flatMap((o) =>
      o.error === undefined ? [] : [`${o.action.kind} ${o.action.findingId}: ${o.error}`],
    ),
    ...dependencies.flatMap((o) =>
      o.error === undefined ? [] : [`dependencies ${o.findingId}: ${o.error}`],
    ),
    ...commentFailures,
    ...(dashboard?.error === undefined ? [] : [`dashboard: ${dashboard.error}`]),
  ];
  const outcome: SyncOutcomeInput = {
    plan,
    failures,
    configErrors: loaded.errors,
    configPath: loaded.path,
    documentPath: config.document,
  };
  let status = describeOutcome(outcome);
  if (!request.dryRun && !request.dashboardOnly) {
    try {
      await forge.setStatus(sha, {
        context: STATUS_CONTEXT,
        state: status.state,
        description: status.description,
        targetUrl: commitFileUrl(repo.htmlUrl, sha, config.document),
      });
    } catch (error) {
      // The failed writes must not hide behind the status post's own failure (§3.4).
      outcome.statusFailure = error instanceof Error ? error.message : String(error);
      status = describeOutcome(outcome);
    }
  }
  return {
    sha,
    config: loaded,
    findings: parsed.findings,
    diagnostics,
    plan,
    outcomes,
    dependencies,
    status,
    failures: failureReport(outcome),
    ...(outcome.statusFailure === undefined ? {} : { statusFailure: outcome.statusFailure }),
    dashboard,
  };
}
