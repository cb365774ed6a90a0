/** The warnings about one finding's content (SPEC §2.2): missing fields, no steps, unknown risk level. */
import type { SectionField } from "./fields.js";
import type { Diagnostic, Finding } from "./types.js";

export function findingWarnings(
  finding: Finding,
  fields: readonly SectionField[],
  riskLevels: readonly string[],
): Diagnostic[] {
  const at = (line: number, column?: number) => ({
    severity: "warning" as const,
    line,
    ...(column === undefined ? {} : { column }),
    findingId: finding.id,
  });
  const heading = finding.span.startLine;
  const first = (key: SectionField["key"]) => fields.find((field) => field.key === key);
  const warnings: Diagnostic[] = [];

  if (!finding.error) {
    warnings.push({
      ...at(heading, 1),
      code: "missing-error",
      message: `Finding ${finding.id} has no error text; add an \`**Error:**\` field saying what is wrong.`,
    });
  }
  const approach = first("approach");
  if (!approach) {
    warnings.push({
      ...at(heading, 1),
      code: "missing-approach",
      message: `Finding ${finding.id} has no approach; add a \`**Suggested approach:**\` field with a numbered list of steps.`,
    });
  } else if (finding.steps.length === 0) {
    warnings.push({
      ...at(approach.span.startLine, approach.column),
      code: "empty-approach",
      message:
        approach.value === ""
          ? `The approach of ${finding.id} is empty; list the steps under it (\`1. …\`) so the issue gets a checklist.`
          : `The approach of ${finding.id} has no list, so its issue gets no checklist; write the steps as a numbered list (\`1. …\`).`,
    });
  }
  const risk = first("risk");
  if (!risk) {
    warnings.push({
      ...at(heading, 1),
      code: "missing-risk",
      message: `Finding ${finding.id} has no risk; add a \`**Risk:**\` field starting with a level (${riskLevels.join(", ")}).`,
    });
  } else if (finding.risk && finding.risk.level === null) {
    const word = finding.risk.word === "" ? "nothing" : `"${finding.risk.word}"`;
    warnings.push({
      ...at(risk.span.startLine, risk.column),
      code: "unknown-risk-level",
      message: `The risk of ${finding.id} starts with ${word}, not a known level; start it with one of ${riskLevels.join(", ")}.`,
    });
  }
  return warnings;
}
