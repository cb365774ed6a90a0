/**
 * The findings register parser (SPEC §2): document in, findings and diagnostics out.
 * The document is split at headings first and each finding's section is parsed on its own, its
 * syntax tree built by the given `SectionTreeParser` (./parse-register.ts gives remark's).
 * Never throws but `NeedsRemark`: every other problem, expected or not, becomes a diagnostic.
 */
import { decodeInput } from "./decode.js";
import { buildLabelTable } from "./field-labels.js";
import { findingWarnings } from "./finding-diagnostics.js";
import { compileIdMatcher, type HeadingId, type IdMatcher, parseHeadingId } from "./heading-id.js";
import { parseSection, readSectionBody, type SectionSettings } from "./parse-section.js";
import { NeedsRemark, type SectionTreeParser } from "./section-tree.js";

import { similarIds } from "./similar-ids.js";
import { type HeadingLine, MAX_NESTING, type OpenBlock, scanHeadings } from "./split-sections.js";
import {
  DEFAULT_ID_PATTERN,
  DEFAULT_MAX_BYTES,
  DEFAULT_RISK_LEVELS,
  type Diagnostic,
  type Finding,
  type ParseOptions,
  type ParseResult,
} from "./types.js";

const FINDING_LEVELS = new Set([2, 3, 4]);

export function parseRegisterWith(
  input: string | Uint8Array,
  options: ParseOptions,
  tree: SectionTreeParser,
): ParseResult {
  try {
    return parseUnguarded(input, options, tree);
  } catch (error) {
    if (error instanceof NeedsRemark) throw error;
    return { findings: [], diagnostics: [internalError(1, error)] };
  }
}

function parseUnguarded(
  input: string | Uint8Array,
  options: ParseOptions,
  tree: SectionTreeParser,
): ParseResult {
  const decoded = decodeInput(input, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const diagnostics = [...decoded.diagnostics];
  if (decoded.tooLarge) return { findings: [], diagnostics };

  const { matcher, diagnostic } = idMatcher(options.idPattern);
  if (diagnostic) diagnostics.push(diagnostic);
  const riskLevels = (options.riskLevels ?? DEFAULT_RISK_LEVELS).map((level) =>
    String(level).toLowerCase(),
  );
  const settings: SectionSettings = {
    labels: buildLabelTable(options.fieldAliases),
    riskLevels,
    tree,
  };

  const lines = decoded.text.split("\n");
  const lineStarts = startsOf(lines);
  const { headings, unclosedFence, unclosedHtml, headingsInHtml, tooDeepAt } = scanHeadings(lines);
  const hidesFindings = (block: OpenBlock | null): HeadingLine[] =>
    (block?.swallowed ?? []).filter(
      (heading) => FINDING_LEVELS.has(heading.level) && parseHeadingId(heading.text, matcher),
    );
  const hiddenByFence = hidesFindings(unclosedFence);
  if (unclosedFence && hiddenByFence.length > 0)
    diagnostics.push(unclosedBlockHidingFindings("fence", unclosedFence.line, hiddenByFence));
  const hiddenByHtml = hidesFindings(unclosedHtml);
  if (unclosedHtml && hiddenByHtml.length > 0)
    diagnostics.push(unclosedBlockHidingFindings("html", unclosedHtml.line, hiddenByHtml));
  for (const block of headingsInHtml) {
    const hidden = hidesFindings(block);
    if (hidden.length > 0)
      diagnostics.push(unclosedBlockHidingFindings("html-paragraph", block.line, hidden));
  }
  if (tooDeepAt !== null) diagnostics.push(tooDeep(tooDeepAt));
  const identities = headings.map((heading) =>
    FINDING_LEVELS.has(heading.level) ? parseHeadingId(heading.text, matcher) : null,
  );
  const budget = timeBudget(options);

  const findings: Finding[] = [];
  const firstLineOf = new Map<string, number>();
  for (const [index, heading] of headings.entries()) {
    const identity = identities[index];
    if (!identity) continue;
    const seen = firstLineOf.get(identity.id);
    if (seen !== undefined) {
      diagnostics.push(duplicate(identity.id, seen, heading.line));
      continue;
    }
    firstLineOf.set(identity.id, heading.line);
    const endLine = sectionEnd(headings, identities, index, lines.length, tooDeepAt);
    if (endLine === null) break;
    if (budget.exceeded()) {
      diagnostics.push(overBudget(budget.ms, heading.line));
      break;
    }
    options.onSection?.(heading.line);
    try {
      const body = linesText(decoded.text, lineStarts, heading.endLine, endLine);
      const { finding, fields } = parseSection(heading, identity, body, heading.endLine, settings);
      findings.push(finding);
      diagnostics.push(...findingWarnings(finding, fields, riskLevels));
    } catch (error) {
      if (error instanceof NeedsRemark) throw error;
      diagnostics.push(internalError(heading.line, error, identity.id));
    }
  }

  diagnostics.push(...similarIds(findings));
  if (!budget.exceeded() && tooDeepAt === null)
    diagnostics.push(...headingsWithoutId(headings, identities, findings, lines, settings));
  diagnostics.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  return { findings, diagnostics };
}

function idMatcher(idPattern: string | undefined): {
  matcher: IdMatcher;
  diagnostic?: Diagnostic;
} {
  if (idPattern === undefined || idPattern === DEFAULT_ID_PATTERN) {
    return { matcher: compileIdMatcher(DEFAULT_ID_PATTERN) };
  }
  try {
    if (idPattern === "") throw new SyntaxError("it is empty");
    return { matcher: compileIdMatcher(idPattern) };
  } catch (error) {
    return {
      matcher: compileIdMatcher(DEFAULT_ID_PATTERN),
      diagnostic: {
        severity: "error",
        code: "invalid-id-pattern",
        message: `The ID pattern ${JSON.stringify(idPattern)} is not a usable regular expression (${errorText(error)}); the default pattern was used instead. Fix idPattern.`,
        line: 1,
      },
    };
  }
}

/**
 * Last line (1-based, inclusive) of the section of `headings[index]`: up to the next heading
 * of the same or a higher level, or the next finding heading at any level. Null when the scan
 * stopped at `stoppedAt` before the section's end was seen.
 */
/** The offset in the text of each of its lines (split at "\n"). */
function startsOf(lines: readonly string[]): number[] {
  const starts = new Array<number>(lines.length);
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    starts[i] = offset;
    offset += (lines[i] as string).length + 1;
  }
  return starts;
}

/** `lines.slice(from, to).join("\n")`, read off the text the lines were split from. */
function linesText(text: string, starts: readonly number[], from: number, to: number): string {
  const end = Math.min(to, starts.length);
  if (from >= end) return "";
  return text.slice(starts[from], end < starts.length ? (starts[end] as number) - 1 : text.length);
}

function sectionEnd(
  headings: readonly HeadingLine[],
  identities: readonly (HeadingId | null)[],
  index: number,
  lineCount: number,
  stoppedAt: number | null,
): number | null {
  const level = headings[index]?.level ?? 1;
  for (let next = index + 1; next < headings.length; next++) {
    const heading = headings[next];
    if (heading && (heading.level <= level || identities[next])) return heading.line - 1;
  }
  return stoppedAt === null ? lineCount : null;
}

/** The optional time budget (SPEC §4): whether it is spent, read between sections. */
function timeBudget(options: ParseOptions): { ms: number; exceeded(): boolean } {
  const ms = options.timeBudgetMs;
  if (ms === undefined) return { ms: Number.POSITIVE_INFINITY, exceeded: () => false };
  const now = options.now ?? (() => performance.now());
  const start = now();
  return { ms, exceeded: () => now() - start > ms };
}

function unclosedBlockHidingFindings(
  kind: "fence" | "html" | "html-paragraph",
  line: number,
  hidden: HeadingLine[],
): Diagnostic {
  const lines = hidden.map((heading) => heading.line);
  const shown = lines.slice(0, 5).join(", ") + (lines.length > 5 ? ", …" : "");
  const one = lines.length === 1;
  const what = `the finding heading${one ? "" : "s"} at line${one ? "" : "s"} ${shown} ${one ? "is" : "are"}`;
  if (kind === "fence")
    return {
      severity: "error",
      code: "unclosed-fence",
      message: `The code block opened at line ${line} is never closed, so ${what} read as code and not synced. Close the block with a matching fence.`,
      line,
      column: 1,
    };
  const message =
    kind === "html"
      ? `The HTML block opened at line ${line} (an HTML comment or a <pre>, <script>, <style> or <textarea>) is never closed, so ${what} read as HTML and not synced. Close it (\`-->\` for a comment), or write the \`<\` as \`&lt;\` so it is not HTML.`
      : `The HTML block opened at line ${line} runs on to the next blank line, so ${what} read as HTML and not synced. Put a blank line after the HTML.`;
  return { severity: "error", code: "unclosed-html", message, line, column: 1 };
}

function tooDeep(line: number): Diagnostic {
  return {
    severity: "error",
    code: "too-complex",
    message: `Block quotes and lists nest deeper than ${MAX_NESTING} levels at line ${line}; deferbot stopped reading there, so the finding there and those after it are not synced. Flatten the nesting.`,
    line,
    column: 1,
  };
}

function overBudget(ms: number, line: number): Diagnostic {
  return {
    severity: "error",
    code: "too-complex",
    message: `Reading the document took longer than its time budget (${Math.round(ms)} ms; DEFERBOT_PARSE_TIMEOUT on the server); deferbot gave up at the finding at line ${line}, so it and those after it are not synced. Split the register into smaller documents or raise the budget.`,
    line,
    column: 1,
  };
}

function duplicate(id: string, firstLine: number, line: number): Diagnostic {
  return {
    severity: "error",
    code: "duplicate-id",
    message: `ID ${id} is used by the findings at lines ${firstLine} and ${line}; the one at line ${firstLine} is synced. Give the one at line ${line} its own ID.`,
    line,
    column: 1,
    findingId: id,
  };
}

/**
 * Warnings for headings without an ID that look like findings: at the level of the findings
 * (levels 2-4 when there are none), with at least two labelled fields, one of them known,
 * before the next heading.
 */
function headingsWithoutId(
  headings: readonly HeadingLine[],
  identities: readonly (HeadingId | null)[],
  findings: readonly Finding[],
  lines: readonly string[],
  settings: SectionSettings,
): Diagnostic[] {
  const findingLevels = new Set(findings.map((finding) => finding.headingLevel));
  const levels = findingLevels.size > 0 ? findingLevels : FINDING_LEVELS;
  const warnings: Diagnostic[] = [];
  headings.forEach((heading, index) => {
    if (identities[index] || !levels.has(heading.level)) return;
    try {
      const endLine = (headings[index + 1]?.line ?? lines.length + 1) - 1;
      const body = lines.slice(heading.endLine, endLine).join("\n");
      if (!body.includes(":")) return;
      const { fields } = readSectionBody(body, heading.endLine, settings);
      if (fields.length < 2 || !fields.some((field) => field.key !== null)) return;
      warnings.push({
        severity: "warning",
        code: "heading-without-id",
        message: `The heading "${heading.text}" has labelled fields like a finding but no ID, so it is not synced; start it with an ID (e.g. \`${"#".repeat(heading.level)} AB-12: ${heading.text}\`) or set idPattern to match it.`,
        line: heading.line,
        column: 1,
      });
    } catch (error) {
      if (error instanceof NeedsRemark) throw error;
      // A heading that cannot be read is not worth a warning of its own.
    }
  });
  return warnings;
}

function internalError(line: number, error: unknown, findingId?: string): Diagnostic {
  return {
    severity: "error",
    code: "internal-error",
    message: `deferbot could not read this part of the document (${errorText(error)}); please report it with the document attached.`,
    line,
    ...(findingId === undefined ? {} : { findingId }),
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
