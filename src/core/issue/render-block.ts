/**
 * The managed block of a tracking issue (§3.2), from the start marker to the end marker. It depends
 * only on the finding, the context (links at `ctx.commitSha`), the ticks and the state: no clock.
 */
import type { Finding } from "../document/types.js";
import { blockExtraFields } from "../issue-fields/block-extras.js";
import { commitFileUrl, lineSuffix } from "./links.js";
import { END_MARKER, startMarker } from "./markers.js";
import type { NewStep } from "./merge-steps.js";
import { renderChecklist } from "./render-checklist.js";
import { renderStateLine } from "./state-line.js";
import type { BotState, RenderContext } from "./types.js";
import {
  blockText,
  codeSpan,
  inlineText,
  neutraliseHtml,
  tableCell,
  type UntrustedOptions,
  untrustedOptions,
} from "./untrusted.js";

export function renderBlock(
  finding: Finding,
  ctx: RenderContext,
  steps: readonly NewStep[],
  checked: readonly boolean[],
  state: BotState,
): string {
  const options: UntrustedOptions = untrustedOptions(ctx.config);
  const sections: string[] = [`${startMarker(finding.id)}\n${sourceNote(finding, ctx)}`];
  const table = fieldsTable(finding, ctx, options);
  if (table) sections.push(table);
  if (finding.error) sections.push(`### Error\n\n${blockText(finding.error, options)}`);
  if (finding.reason) sections.push(`### Reason\n\n${blockText(finding.reason, options)}`);
  if (steps.length > 0) {
    sections.push(`### Remediation\n\n${renderChecklist(finding, steps, checked, options)}`);
  } else if (finding.approachText) {
    sections.push(`### Remediation\n\n${blockText(finding.approachText, options)}`);
  }
  // Owner, Due, Blocked by and Milestone live in Gitea's own fields (SPEC §8), not here.
  const extras = blockExtraFields(finding, ctx.config.fieldAliases);
  if (extras.length > 0) {
    const rendered = extras.map((field) => {
      const label = `**${inlineText(field.label, options)}:**`;
      const value = field.value.trim();
      if (value === "") return label;
      if (!value.includes("\n")) return `${label} ${inlineText(value, options)}`;
      return `${label}\n\n${blockText(value, options)}`;
    });
    sections.push(`### Other fields\n\n${rendered.join("\n\n")}`);
  }
  sections.push(`${renderStateLine(state)}\n${END_MARKER}`);
  return sections.join("\n\n");
}

function sourceNote(finding: Finding, ctx: RenderContext): string {
  const { startLine, endLine } = finding.span;
  const url = commitFileUrl(ctx.repoHtmlUrl, ctx.commitSha, ctx.documentPath, startLine, endLine);
  const lines = startLine === endLine ? `line ${startLine}` : `lines ${startLine}-${endLine}`;
  const path = codeSpan(neutraliseHtml(ctx.documentPath));
  return `Tracked from [${path} ${lines}](${url}) by deferbot. This block follows the document; write notes above or below it.`;
}

function fieldsTable(
  finding: Finding,
  ctx: RenderContext,
  options: UntrustedOptions,
): string | null {
  const rows: [string, string][] = [];
  if (finding.refs.length > 0) rows.push(["Refs", tableCell(finding.refs.join(", "), options)]);
  const files = filesCell(finding, ctx, options);
  if (files) rows.push([finding.files.length > 1 ? "Files" : "File", files]);
  if (finding.category) rows.push(["Category", tableCell(finding.category, options)]);
  if (finding.risk) {
    const word = `**${tableCell(finding.risk.word, options)}**`;
    const rationale = finding.risk.rationale
      ? ` — ${tableCell(finding.risk.rationale, options)}`
      : "";
    rows.push(["Risk", `${word}${rationale}`]);
  }
  if (rows.length === 0) return null;
  return ["| Field | Value |", "| --- | --- |", ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join(
    "\n",
  );
}

function filesCell(finding: Finding, ctx: RenderContext, options: UntrustedOptions): string | null {
  if (finding.files.length === 0) {
    const raw = finding.fields.find((field) => field.key === "file")?.value;
    return raw ? tableCell(raw, options) : null;
  }
  return finding.files
    .map((file) => {
      const url = commitFileUrl(
        ctx.repoHtmlUrl,
        ctx.commitSha,
        file.path,
        file.startLine,
        file.endLine,
      );
      const text = codeSpan(
        neutraliseHtml(`${file.path}${lineSuffix(file.startLine, file.endLine)}`),
      );
      return `[${text.replace(/\s*\r?\n\s*/g, " ").replaceAll("|", "\\|")}](${url})`;
    })
    .join(", ");
}
