/**
 * The state line's JSON checked by hand: a sync reads the state of every tracked issue, and
 * zod's first validations in a process cost about 70 µs each — 13 ms of a 200-issue no-op on
 * the command line's critical path, against about 1 ms here. Its test holds the zod schema this
 * replaced as the oracle: the same values pass, and the same value comes out (unknown keys
 * dropped, nothing else changed).
 */
import type { FieldsSetByBot } from "../issue-fields/decide-edits.js";
import type { BotState, CloseReason, CloseRecord } from "./types.js";

/** A state as written; a version 1 state has no `id` (its block's marker supplies it). */
export type StoredState = Omit<BotState, "id"> & { id?: string };

const CLOSE_REASONS: readonly string[] = ["removed", "ignored", "twin"] satisfies CloseReason[];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The state the JSON value holds, or null when it is not one this version can read. */
export function storedState(json: unknown): StoredState | null {
  if (!isRecord(json)) return null;
  const { v, id, hash, sha, title, labels, closed, allTickedNotice, fields, changedOn, fieldsSet } =
    json;
  if (!isInteger(v) || !isString(hash) || !isString(sha) || !isString(title)) return null;
  if (!isStringArray(labels) || typeof allTickedNotice !== "boolean") return null;
  if (!optional(id, isString) || !optional(changedOn, isDay)) return null;
  if (!optional(fields, isStringRecord)) return null;
  const close = closed === null ? null : closeRecord(closed);
  if (close === undefined) return null;
  const setByBot = fieldsSet === undefined ? undefined : fieldsSetByBot(fieldsSet);
  if (setByBot === null) return null;
  return {
    v,
    ...(id === undefined ? {} : { id }),
    hash,
    sha,
    title,
    labels: [...labels],
    closed: close,
    allTickedNotice,
    ...(fields === undefined ? {} : { fields: withoutProtoKey(fields) }),
    ...(changedOn === undefined ? {} : { changedOn }),
    ...(setByBot === undefined ? {} : { fieldsSet: setByBot }),
  };
}

/** The record, or undefined when the value is not one. */
function closeRecord(value: unknown): CloseRecord | undefined {
  if (!isRecord(value)) return undefined;
  const { reason, sha, twinOf } = value;
  if (!isString(reason) || !CLOSE_REASONS.includes(reason)) return undefined;
  if (!optional(sha, isString) || !optional(twinOf, isInteger)) return undefined;
  return {
    reason: reason as CloseReason,
    ...(sha === undefined ? {} : { sha }),
    ...(twinOf === undefined ? {} : { twinOf }),
  };
}

function fieldsSetByBot(value: unknown): FieldsSetByBot | null {
  if (!isRecord(value)) return null;
  const { assignees, dueDate, milestone, dependencies } = value;
  if (!optional(assignees, isStringArray) || !optional(dependencies, isIntegerArray)) return null;
  if (!optional(dueDate, isStringOrNull) || !optional(milestone, isStringOrNull)) return null;
  return {
    ...(assignees === undefined ? {} : { assignees: [...assignees] }),
    ...(dueDate === undefined ? {} : { dueDate }),
    ...(milestone === undefined ? {} : { milestone }),
    ...(dependencies === undefined ? {} : { dependencies: [...dependencies] }),
  };
}

function optional<T>(
  value: unknown,
  check: (value: unknown) => value is T,
): value is T | undefined {
  return value === undefined || check(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

function isStringOrNull(value: unknown): value is string | null {
  return value === null || typeof value === "string";
}

function isDay(value: unknown): value is string {
  return typeof value === "string" && DAY.test(value);
}

function isInteger(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isString);
}

function isIntegerArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every(isInteger);
}

/**
 * A copy without a `__proto__` key: `JSON.parse` makes it an own property, which a forged state
 * line could carry into every later copy (zod's record drops it the same way).
 */
function withoutProtoKey(record: Record<string, string>): Record<string, string> {
  // A spread copies an own `__proto__` key as an own key too (it sets no prototype).
  const copy = { ...record };
  if (Object.hasOwn(copy, "__proto__")) Reflect.deleteProperty(copy, "__proto__");
  return copy;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every(isString);
}
