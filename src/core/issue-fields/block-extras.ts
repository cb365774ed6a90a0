/**
 * The extra fields a tracking issue's block still shows once Gitea's own fields carry the issue
 * fields (SPEC §8: "one update of the affected issues, when the fields move from the
 * extra-fields list into the issue's own fields"): render-block.ts shows these under
 * "Other fields".
 */
import type { Field, Finding } from "../document/types.js";
import { type IssueFieldAliases, issueFieldKey, issueFieldTable } from "./derive-fields.js";

export function blockExtraFields(
  finding: Pick<Finding, "fields">,
  aliases?: IssueFieldAliases,
): Field[] {
  const table = issueFieldTable(aliases);
  return finding.fields.filter(
    (field) => field.key === null && issueFieldKey(field, table) === null,
  );
}

/** Whether the finding writes any label of Gitea's issue fields (`Owner`, `Due`, …, or an alias). */
export function hasIssueFieldLabels(
  finding: Pick<Finding, "fields">,
  aliases?: IssueFieldAliases,
): boolean {
  const table = issueFieldTable(aliases);
  return finding.fields.some((field) => issueFieldKey(field, table) !== null);
}
