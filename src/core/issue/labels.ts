/** The labels the bot puts on a finding's issue: its own label and Gitea scoped labels from the fields. */
import type { RepoConfig } from "../config/repo-config.js";
import type { Finding } from "../document/types.js";

export function findingLabels(
  finding: Pick<Finding, "risk" | "category">,
  config: Pick<RepoConfig, "labels">,
): string[] {
  const labels = [config.labels.bot];
  if (config.labels.risk && finding.risk?.level) labels.push(`risk/${finding.risk.level}`);
  if (config.labels.category && finding.category) {
    const slug = slugify(finding.category);
    if (slug) labels.push(`category/${slug}`);
  }
  return labels;
}

/**
 * Lower case, runs of whitespace and `/` to `-`, Markdown emphasis and code marks dropped. A `/`
 * would move the scope of Gitea's exclusive label, which ends at the last `/`.
 */
export function slugify(text: string): string {
  return text
    .replace(/[`*_]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s/]+/g, "-");
}
