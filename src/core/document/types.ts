/** What the register parser produces: findings and diagnostics, with source lines. */

export type Severity = "error" | "warning";

/** Stable diagnostic codes; tests and the JSON output of `deferbot plan` rely on them. */
export type DiagnosticCode =
  | "duplicate-id"
  | "invalid-utf8"
  | "too-large"
  | "missing-approach"
  | "missing-error"
  | "missing-risk"
  | "empty-approach"
  | "heading-without-id"
  | "unknown-risk-level"
  | "invalid-id-pattern"
  /** The document path names a directory, symlink or submodule. */
  | "not-a-file"
  /** A code fence never closed hides finding headings. */
  | "unclosed-fence"
  /** An HTML block never closed (comment, `<pre>`, `<script>`, …) hides finding headings. */
  | "unclosed-html"
  /** Nesting deeper than the limit, or a parse over its time budget: reading stopped there. */
  | "too-complex"
  /** Two IDs that differ only by case or Unicode normalisation (a warning; both are synced). */
  | "similar-ids"
  /** The parser hit something it did not expect; the message says what (never thrown). */
  | "internal-error";

export interface Diagnostic {
  severity: Severity;
  code: DiagnosticCode;
  /** What is wrong and what to do about it, for a person. */
  message: string;
  /** 1-based line in the document. */
  line: number;
  /** 1-based column, where known. */
  column?: number;
  /** The finding the diagnostic is about, where there is one. */
  findingId?: string;
}

/** 1-based, inclusive lines of the document. */
export interface SourceSpan {
  startLine: number;
  endLine: number;
}

export type FieldKey = "file" | "error" | "category" | "reason" | "approach" | "risk";

export interface Field {
  /** The known key the label maps to, or null for an extra field. */
  key: FieldKey | null;
  /** The label as written (without bold markers and colon), e.g. `Suggested approach`. */
  label: string;
  /** The value as Markdown source, dedented, trimmed. */
  value: string;
  span: SourceSpan;
}

export interface FileRef {
  path: string;
  startLine?: number;
  endLine?: number;
}

export interface Step {
  /** The step's own text as Markdown source (its first paragraph), on one line. */
  text: string;
  /** Nested content under the step (sub-lists, code), as Markdown source dedented; "" if none. */
  details: string;
  line: number;
}

export interface Risk {
  /** Lower-cased first word when it is a known level, else null. */
  level: string | null;
  /** The first word as written (e.g. `Medium`). */
  word: string;
  /** The rest after the level and a separator (`—`, `-`, `:`), trimmed. */
  rationale: string;
}

export interface Finding {
  id: string;
  title: string;
  /** Further IDs right after the first, e.g. `SEC-WEB-16`. */
  refs: string[];
  headingLevel: number;
  /** From the heading line to the last content line of the section (trailing blank lines and thematic breaks excluded). */
  span: SourceSpan;
  /** Every labelled field in document order, known and extra. */
  fields: Field[];
  files: FileRef[];
  error: string | null;
  category: string | null;
  reason: string | null;
  risk: Risk | null;
  /** The approach as prose when it has no list; null when the list gave steps or there is no approach. */
  approachText: string | null;
  steps: Step[];
  /** Content hash over what the issue shows (ID, title, refs, fields, steps), not position. */
  hash: string;
}

export interface ParseResult {
  findings: Finding[];
  diagnostics: Diagnostic[];
}

export interface ParseOptions {
  /** Regular expression source for an ID (no anchors). */
  idPattern?: string;
  /** Extra labels per field, added to the built-in aliases. */
  fieldAliases?: Partial<Record<FieldKey, string[]>>;
  /** Known risk levels, lower case. */
  riskLevels?: string[];
  /** Size limit in bytes. */
  maxBytes?: number;
  /**
   * Time budget in milliseconds, checked between sections: past it the parse stops with the
   * `too-complex` error at the section it reached. No budget when absent.
   */
  timeBudgetMs?: number;
  /** The clock the budget is read on, in milliseconds (tests pass their own). */
  now?: () => number;
  /** Called with a section's first line before the section is parsed (a worker's progress). */
  onSection?: (line: number) => void;
}

export const DEFAULT_ID_PATTERN = "[A-Z][A-Z0-9]*(?:[-_.][A-Z0-9]+)+";
export const DEFAULT_RISK_LEVELS = ["critical", "high", "medium", "low", "info"];
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
