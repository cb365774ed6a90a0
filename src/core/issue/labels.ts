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
 * A label name from field text (§3.2): lower case; HTML tags, comment delimiters and Markdown
 * emphasis and code marks dropped; every run of anything but letters, digits, `.` and `+`
 * (whitespace and `/` included) to one `-`, none at either end. A `/` would move the scope of
 * Gitea's exclusive label, which ends at the last `/`; a `<!--` or `-->` fragment in a label would
 * be markup on every page that shows it.
 */
export function slugify(text: string): string {
  return text
    .replace(/<!--|-->/g, " ")
    .replace(/<\/?[A-Za-z][^<>]*>/g, "")
    .replace(/[`*_~]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}.+]+/gu, "-")
    .replace(/^[-.]+|[-.]+$/g, "");
}
