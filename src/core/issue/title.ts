/** The issue title for a finding: the configured template, cut to Gitea's 255-character column. */
import type { Finding } from "../document/types.js";
import { truncate } from "../text/truncate.js";
import { neutraliseReferences } from "./untrusted.js";

/** Gitea stores issue titles in a VARCHAR(255). */
export const MAX_TITLE_LENGTH = 255;

/** `references`: leave `#12`-style references live (configuration `references: true`). */
export function renderTitle(
  finding: Pick<Finding, "id" | "title">,
  template: string,
  options: { references?: boolean } = {},
): string {
  const text = (value: string) => (options.references ? value : neutraliseReferences(value));
  let title = template
    .replaceAll("{id}", () => text(finding.id))
    .replaceAll("{title}", () => text(finding.title))
    .replace(/\s+/g, " ")
    .trim();
  // A heading that is only an ID (`## deferred/cache-keys`) leaves the template's separator dangling.
  if (finding.title.trim() === "") title = title.replace(/[\s:.\-–—]+$/u, "");
  return truncate(title, MAX_TITLE_LENGTH);
}
