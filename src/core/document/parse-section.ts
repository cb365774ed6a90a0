/** One finding from its heading and its section's body, parsed on the body's own syntax tree. */
import type { Root } from "mdast";
import { contentHash } from "./content-hash.js";
import type { LabelTable } from "./field-labels.js";
import { extractFields, type SectionField } from "./fields.js";
import { parseFileRefs } from "./file-refs.js";
import type { HeadingId } from "./heading-id.js";
import { parseRisk } from "./risk.js";
import type { SectionTreeParser } from "./section-tree.js";
import { SourceText } from "./source-text.js";
import type { HeadingLine } from "./split-sections.js";
import { extractSteps } from "./steps.js";
import type { FieldKey, Finding } from "./types.js";

export interface SectionSettings {
  labels: LabelTable;
  riskLevels: readonly string[];
  tree: SectionTreeParser;
}

export interface ParsedSection {
  finding: Finding;
  fields: SectionField[];
}

/** The fields of a section body, and the line its content ends on (0 when it has none). */
export function readSectionBody(
  body: string,
  lineOffset: number,
  settings: Pick<SectionSettings, "labels" | "tree">,
): { tree: Root; source: SourceText; fields: SectionField[]; lastContentLine: number } {
  const source = new SourceText(body);
  const tree = settings.tree(body);
  const fields = extractFields(tree, source, settings.labels, lineOffset);
  const last = [...tree.children].reverse().find((node) => node.type !== "thematicBreak");
  const lastContentLine = last?.position ? last.position.end.line + lineOffset : 0;
  return { tree, source, fields, lastContentLine };
}

/**
 * `body` is the section without its heading; its first line is document line `lineOffset + 1`.
 */
export function parseSection(
  heading: HeadingLine,
  identity: HeadingId,
  body: string,
  lineOffset: number,
  settings: SectionSettings,
): ParsedSection {
  const { tree, source, fields, lastContentLine } = readSectionBody(body, lineOffset, settings);
  const first = (key: FieldKey) => fields.find((field) => field.key === key);
  const approach = first("approach");
  const steps = approach
    ? extractSteps(tree, source, approach.valueStart, approach.valueEnd, lineOffset)
    : [];
  const riskField = first("risk");
  const fileField = first("file");
  const publicFields = fields.map(({ key, label, value, span }) => ({ key, label, value, span }));
  const withoutHash = {
    id: identity.id,
    title: identity.title,
    refs: identity.refs,
    headingLevel: heading.level,
    span: { startLine: heading.line, endLine: Math.max(heading.endLine, lastContentLine) },
    fields: publicFields,
    files: fileField ? parseFileRefs(fileField.value) : [],
    error: nonEmpty(first("error")?.value),
    category: nonEmpty(first("category")?.value),
    reason: nonEmpty(first("reason")?.value),
    risk: riskField ? parseRisk(riskField.value, settings.riskLevels) : null,
    approachText: approach && steps.length === 0 ? nonEmpty(approach.value) : null,
    steps,
  };
  return { finding: { ...withoutHash, hash: contentHash(withoutHash) }, fields };
}

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === "" ? null : value;
}
