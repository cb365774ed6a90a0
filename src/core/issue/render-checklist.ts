/** The remediation checklist: one `- [ ] step <!-- step:HASH -->` per top-level step of the approach. */
import type { Finding } from "../document/types.js";
import { stepMarker } from "./markers.js";
import type { NewStep } from "./merge-steps.js";
import { stepHash } from "./step-hash.js";
import { blockText, inlineText, type UntrustedOptions } from "./untrusted.js";

/** The steps as the checklist shows them: neutralised one-line text and its marker hash. */
export function checklistSteps(finding: Finding, options: UntrustedOptions): NewStep[] {
  return finding.steps.map((step) => {
    const text = inlineText(step.text.replace(/^\s*\[[ xX]\]\s+/, ""), options);
    return { text, hash: stepHash(text) };
  });
}

/**
 * The checklist lines. A step's nested content follows as plain Markdown indented under it; its own
 * task boxes are turned into plain bullets, so Gitea's counter counts only the steps.
 */
export function renderChecklist(
  finding: Finding,
  steps: readonly NewStep[],
  checked: readonly boolean[],
  options: UntrustedOptions,
): string {
  return steps
    .map((step, index) => {
      const box = checked[index] ? "[x]" : "[ ]";
      const line = `- ${box} ${step.text} ${stepMarker(step.hash)}`;
      const details = finding.steps[index]?.details.trim() ?? "";
      if (details === "") return line;
      const nested = indent(blockText(details, options), "  ");
      const separator = /^\s*(?:[-*+]|\d{1,9}[.)])\s|^\s*(?:`{3,}|~{3,})/.test(details)
        ? "\n"
        : "\n\n";
      return `${line}${separator}${nested}`;
    })
    .join("\n");
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => (line.trim() === "" ? "" : `${prefix}${line}`))
    .join("\n");
}
