/**
 * The preview of one pull request, read and planned (SPEC §4, `pull_request`): the configuration
 * and the document at the PR's merge base and at its head through the sync's read path, the
 * tracking issues as the sync lists them, and the core's plan. Nothing is written here.
 *
 * Both commits are read in the base repository: Gitea keeps every PR head there as
 * `refs/pull/N/head`, a fork's too, so `headSha` needs no access to the fork.
 */
import type { RenderContext } from "../core/issue/types.js";
import type { OutcomeLine } from "../core/plan/describe-outcome.js";
import { configErrorPreviewStatus } from "../core/preview/config-error-status.js";
import {
  describePreviewStatus,
  untouchedPreviewStatus,
} from "../core/preview/describe-preview-status.js";
import { planPreview } from "../core/preview/plan-preview.js";
import { type PreviewJson, previewJson } from "../core/preview/preview-json.js";
import { renderPreviewComment, renderUntouchedComment } from "../core/preview/render-preview.js";
import type { Preview } from "../core/preview/types.js";
import type { Forge } from "../port/forge.js";
import { resolveIssueFields } from "../sync/issue-fields.js";
import { listTrackedIssues } from "../sync/list-tracked-issues.js";
import { type LoadedConfig, loadRepoConfig } from "../sync/load-repo-config.js";
import type { ParseCache } from "../sync/parse-cache.js";
import { parsedOf, type RegisterRead, readRegister } from "../sync/read-register.js";

/** The commits of a pull request the preview reads. */
export interface PullTarget {
  number: number;
  headSha: string;
  mergeBase: string;
}

export interface PreviewSource {
  forge: Forge;
  parses: ParseCache;
  /** The repository's web URL, for the links to lines at the head commit. */
  repoHtmlUrl: string;
}

export interface PullPreview {
  pull: PullTarget;
  /** The configuration at the head: the one merging would bring. */
  config: LoadedConfig;
  /** Null when the document's bytes are the same at the merge base and at the head. */
  preview: Preview | null;
  status: OutcomeLine;
  /** The comment's text: the preview, or the note that the PR no longer touches the document. */
  comment: string;
  json: PreviewJson;
}

export async function buildPullPreview(
  source: PreviewSource,
  pull: PullTarget,
): Promise<PullPreview> {
  const { forge } = source;
  const { headSha, mergeBase } = pull;
  const headConfig = await loadRepoConfig(forge, headSha);
  const baseConfig = mergeBase === headSha ? headConfig : await loadRepoConfig(forge, mergeBase);
  const headRead = await readRegister(source, headConfig.config, headSha);
  const baseRead =
    mergeBase === headSha ? headRead : await readRegister(source, baseConfig.config, mergeBase);

  const ctx: RenderContext = {
    repoHtmlUrl: source.repoHtmlUrl,
    documentPath: headConfig.config.document,
    commitSha: headSha,
    config: headConfig.config,
  };
  const touched = !sameDocument(baseRead, headRead);
  let preview: Preview | null = null;
  if (touched) {
    const head = parsedOf(headRead);
    // The issue fields checked as the sync checks them (assignable users, milestones, read only
    // when named), so the PR hears of an owner Gitea would refuse before it is merged.
    const [tracked, issueFields] = await Promise.all([
      listTrackedIssues(forge),
      resolveIssueFields(forge, head.findings, headConfig.config),
    ]);
    preview = planPreview({
      base: parsedOf(baseRead),
      head,
      headDocumentFound: headRead.kind !== "missing",
      tracked,
      issueFields,
      ctx,
    });
  }

  const status =
    headConfig.errors.length > 0 && (touched || configChanged(baseConfig, headConfig))
      ? configErrorPreviewStatus(headConfig.errors, headConfig.path)
      : preview
        ? describePreviewStatus(preview, ctx.documentPath)
        : untouchedPreviewStatus();
  return {
    pull,
    config: headConfig,
    preview,
    status,
    comment: preview ? renderPreviewComment(preview, ctx) : renderUntouchedComment(ctx),
    json: previewJson({ preview, documentPath: ctx.documentPath, headSha, status }),
  };
}

/** The same bytes (blob sha) at both commits, or absent or unreadable alike at both. */
function sameDocument(base: RegisterRead, head: RegisterRead): boolean {
  if (base.kind === "found" && head.kind === "found") return base.blobSha === head.blobSha;
  if (base.kind === "unreadable" && head.kind === "unreadable")
    return base.diagnostic.message === head.diagnostic.message;
  return base.kind === head.kind;
}

/**
 * Whether the PR changes what the configuration says. A configuration that was already broken on
 * the default branch fails the sync's status there, not every unrelated PR.
 */
function configChanged(base: LoadedConfig, head: LoadedConfig): boolean {
  return JSON.stringify(base) !== JSON.stringify(head);
}
