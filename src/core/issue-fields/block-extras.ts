/**
 * The extra fields a tracking issue's block still shows once Gitea's own fields carry the issue
 * fields (SPEC §8: "one update of the affected issues, when the fields move from the
 * extra-fields list into the issue's own fields"). For render-block.ts, which today shows
 * `finding.fields.filter((field) => field.key === null)`.
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
