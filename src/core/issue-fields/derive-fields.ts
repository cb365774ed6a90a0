/**
 * Gitea's own issue fields from a finding's extra fields (SPEC §8). The parser keeps every label
 * it does not know as an extra field, in order; the labels of §8 (and their configured aliases)
 * are picked from there, so the parser needs no change to know them.
 */
import { normaliseLabel } from "../document/field-labels.js";
import type { Field, Finding } from "../document/types.js";
import { BUILT_IN_ISSUE_FIELD_ALIASES, ISSUE_FIELD_KEYS, type IssueFieldKey } from "./keys.js";
import type { IssueFieldDiagnostic, IssueFields } from "./types.js";

export type IssueFieldAliases = Partial<Record<IssueFieldKey, readonly string[]>>;
export type IssueFieldTable = ReadonlyMap<string, IssueFieldKey>;

/**
 * Label (normalised) → issue field, from the built-in labels plus the configured ones. Built once
 * per aliases object (a configuration's): it is asked for once per finding.
 */
export function issueFieldTable(extra: IssueFieldAliases = NO_ALIASES): IssueFieldTable {
  let table = tables.get(extra);
  if (table === undefined) {
    table = buildTable(extra);
    tables.set(extra, table);
  }
  return table;
}

const NO_ALIASES: IssueFieldAliases = {};
const tables = new WeakMap<IssueFieldAliases, IssueFieldTable>();

function buildTable(extra: IssueFieldAliases): IssueFieldTable {
  const table = new Map<string, IssueFieldKey>();
  for (const key of ISSUE_FIELD_KEYS) {
    for (const label of [...BUILT_IN_ISSUE_FIELD_ALIASES[key], ...(extra[key] ?? [])]) {
      if (label.trim() !== "") table.set(normaliseLabel(label), key);
    }
  }
  return table;
}

/** The issue field an extra field sets, or null (a known field, or any other label). */
export function issueFieldKey(field: Field, table: IssueFieldTable): IssueFieldKey | null {
  return field.key === null ? (table.get(normaliseLabel(field.label)) ?? null) : null;
}

export interface DeriveInput {
  finding: Finding;
  table: IssueFieldTable;
  /** Regular expression source of a finding ID (config `idPattern`). */
  idPattern: string;
  /** Every finding ID of the document, to tell an unknown `Blocked by` ID. */
  knownIds: ReadonlySet<string>;
}

export interface DerivedFields {
  fields: IssueFields;
  diagnostics: IssueFieldDiagnostic[];
}

/** A Gitea login: letters, digits, `-`, `_`, `.` (models/user: IsValidUsername's alphabet). */
const LOGIN = /^[\p{L}\p{N}_][\p{L}\p{N}_.-]*$/u;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** One finding's issue fields; the first field of a kind wins, a later one is a warning-free no-op. */
export function deriveIssueFields(input: DeriveInput): DerivedFields {
  const { finding, table } = input;
  const fields: IssueFields = {
    assignees: [],
    dueDate: null,
    blockedBy: [],
    milestone: null,
    lines: {},
  };
  const diagnostics: IssueFieldDiagnostic[] = [];
  const warn = (field: Field, code: IssueFieldDiagnostic["code"], message: string) =>
    diagnostics.push({
      severity: "warning",
      code,
      message,
      line: field.span.startLine,
      findingId: finding.id,
    });

  for (const field of finding.fields) {
    const key = issueFieldKey(field, table);
    if (key === null || fields.lines[key] !== undefined) continue;
    fields.lines[key] = field.span.startLine;
    const value = plain(field.value);
    if (key === "assignee") {
      const seen = new Set<string>();
      for (const word of value.split(/[\s,;]+/).filter((w) => w !== "" && !/^and$/i.test(w))) {
        const login = word.replace(/^@/, "");
        if (!LOGIN.test(login)) {
          warn(
            field,
            "malformed-login",
            `${field.label} of ${finding.id} names "${word}", which is not a Gitea login; write logins such as @alice, separated by commas.`,
          );
        } else if (!seen.has(login.toLowerCase())) {
          seen.add(login.toLowerCase());
          fields.assignees.push(login);
        }
      }
    } else if (key === "due") {
      if (isIsoDate(value)) fields.dueDate = value;
      else if (value !== "")
        warn(
          field,
          "malformed-date",
          `${field.label} of ${finding.id} is "${value}", not a date; write it as YYYY-MM-DD (e.g. 2027-03-31).`,
        );
    } else if (key === "blockedBy") {
      for (const id of findIds(value, input.idPattern)) {
        if (id === finding.id) {
          warn(
            field,
            "dependency-cycle",
            `${finding.id} cannot be blocked by itself; remove it from ${field.label}.`,
          );
        } else if (!input.knownIds.has(id)) {
          warn(
            field,
            "unknown-dependency",
            `${field.label} of ${finding.id} names ${id}, which is no finding of the document; the dependency is not set.`,
          );
        } else if (!fields.blockedBy.includes(id)) fields.blockedBy.push(id);
      }
    } else if (value !== "") fields.milestone = value.split("\n")[0]?.trim() ?? null;
  }
  return { fields, diagnostics };
}

/** The value without code and emphasis marks, trimmed. */
function plain(value: string): string {
  return value.replace(/[`*_]/g, "").trim();
}

function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** Every finding ID in the text, standing on its own (not inside a longer word). */
function findIds(text: string, idPattern: string): string[] {
  // No `u` flag: the ID pattern is compiled the way the parser compiles it.
  const re = new RegExp(`(?<![A-Za-z0-9_-])(?:${idPattern})(?![A-Za-z0-9_-])`, "g");
  return Array.from(text.matchAll(re), (m) => m[0]);
}
