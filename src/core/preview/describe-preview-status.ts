/**
 * The `deferbot/preview` commit status on a PR head (SPEC §4): `failure` when the head document
 * has an error diagnostic, `success` otherwise, and one line with the counts.
 */
import { MAX_DESCRIPTION, type OutcomeLine } from "../plan/describe-outcome.js";
import { truncate } from "../text/truncate.js";
import { joinAnd, plural, summaryLine } from "./summary-line.js";
import type { Preview } from "./types.js";

export const PREVIEW_STATUS_CONTEXT = "deferbot/preview";

/** The status of a PR that changes the document; `documentPath` names it in a failure. */
export function describePreviewStatus(preview: Preview, documentPath: string): OutcomeLine {
  const errors = preview.diagnostics.filter((d) => d.severity === "error");
  const warnings = preview.diagnostics.length - errors.length;
  const [first] = errors;
  if (first)
    return status(
      "failure",
      `${plural(errors.length, "error")} in ${documentPath}; line ${first.line}: ${first.message}`,
    );
  const summary = summaryLine(preview.counts);
  const extra = [
    ...(warnings > 0 ? [plural(warnings, "warning")] : []),
    ...(preview.closeBlocked ? ["removed findings' issues stay open"] : []),
  ];
  return status("success", extra.length > 0 ? `${summary} ${capital(joinAnd(extra))}.` : summary);
}

/** The status of a PR whose head has the same document as its merge base. */
export function untouchedPreviewStatus(): OutcomeLine {
  return { state: "success", description: "register not touched" };
}

function status(state: OutcomeLine["state"], description: string): OutcomeLine {
  return { state, description: truncate(description.replace(/\s+/g, " "), MAX_DESCRIPTION) };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
