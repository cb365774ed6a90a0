/**
 * People win (SPEC §8). What the bot set last is recorded in the state line; the issue's
 * fields now come with the listing (dependencies from their own read). For each kind:
 * - the document asks for what the issue already has: nothing to write;
 * - the issue still holds what the bot set last (or nothing, where the bot never set one): the
 *   document's value is written;
 * - a person changed it (it differs from what the bot set, or a person set it before the bot
 *   ever did): left alone;
 * - `/deferbot refresh`: the document's value is written whatever the issue holds, for each kind
 *   the document names or the bot set.
 */

/** What the bot set, per kind, as the state line records it; a kind absent was never set. */
export interface FieldsSetByBot {
  assignees?: string[];
  /** `YYYY-MM-DD`, or null when the bot cleared it. */
  dueDate?: string | null;
  milestone?: string | null;
  /** Issue numbers this issue depends on that the bot added. */
  dependencies?: number[];
}

/** The fields as Gitea has them now. */
export interface CurrentFields {
  assignees: string[];
  dueDate: string | null;
  milestone: string | null;
}

/** The document's values, after the repository check (assignable logins, existing milestone). */
export interface WantedFields {
  assignees: string[];
  dueDate: string | null;
  milestone: string | null;
}

/** The edit to send; a kind absent is left as it is. `null` clears (unset_due_date, milestone 0). */
export interface FieldEdits {
  assignees?: string[];
  dueDate?: string | null;
  milestone?: string | null;
}

export interface FieldDecision {
  edits: FieldEdits;
  /** What to record in the state line with the write. */
  record: FieldsSetByBot;
  /** Kinds left alone because a person changed them. */
  keptByPeople: ("assignees" | "dueDate" | "milestone")[];
}

type Kind = "assignees" | "dueDate" | "milestone";

export function decideFieldEdits(input: {
  wanted: WantedFields;
  current: CurrentFields;
  setByBot: FieldsSetByBot | null;
  refresh: boolean;
}): FieldDecision {
  const { wanted, current, refresh } = input;
  const set = input.setByBot ?? {};
  const edits: FieldEdits = {};
  const record: FieldsSetByBot = { ...set };
  const keptByPeople: Kind[] = [];

  const decide = <K extends Kind>(
    kind: K,
    same: (a: WantedFields[K], b: WantedFields[K]) => boolean,
  ) => {
    const want = wanted[kind];
    const have = current[kind];
    const last = set[kind] as WantedFields[K] | undefined;
    if (same(want, have)) {
      if (last !== undefined || !isEmpty(want)) record[kind] = want as FieldsSetByBot[K];
      return;
    }
    const untouched = last === undefined ? isEmpty(have) : same(last, have);
    // Refresh restores what the document names or the bot set; a kind neither touches stays a
    // person's (an assignee on an issue whose finding names no owner).
    const restore = refresh && (last !== undefined || !isEmpty(want));
    if (untouched || restore) {
      edits[kind] = want as FieldEdits[K];
      record[kind] = want as FieldsSetByBot[K];
    } else keptByPeople.push(kind);
  };
  decide("assignees", sameLogins);
  decide("dueDate", (a, b) => a === b);
  decide("milestone", (a, b) => (a ?? "").toLowerCase() === (b ?? "").toLowerCase());
  return { edits, record, keptByPeople };
}

export interface DependencyDecision {
  add: number[];
  remove: number[];
  /** The dependencies the bot set, after these writes. */
  record: number[];
}

/**
 * Dependencies are not in the listing, so they are read only when this says so: the finding's
 * `Blocked by` differs from what the bot set last, or `refresh`.
 */
export function needsDependencyRead(
  wanted: readonly number[],
  setByBot: FieldsSetByBot | null,
  refresh: boolean,
): boolean {
  if (refresh) return true;
  const last = setByBot?.dependencies ?? [];
  return !sameNumbers(wanted, last);
}

/**
 * Adds what the document asks and the issue lacks, unless the bot had added it and a person
 * removed it (then only `refresh` adds it again); removes only what the bot added and the
 * document no longer asks. A dependency a person added is never removed.
 */
export function decideDependencies(input: {
  wanted: readonly number[];
  current: readonly number[];
  setByBot: FieldsSetByBot | null;
  refresh: boolean;
}): DependencyDecision {
  const current = new Set(input.current);
  const last = new Set(input.setByBot?.dependencies ?? []);
  const wanted = new Set(input.wanted);
  const add = [...wanted].filter((n) => !current.has(n) && (input.refresh || !last.has(n)));
  const remove = [...last].filter((n) => !wanted.has(n) && current.has(n));
  // A dependency the bot added and a person removed stays recorded, so it is not added back.
  const record = [...wanted].filter((n) => current.has(n) || add.includes(n) || last.has(n));
  return { add, remove, record: record.sort((a, b) => a - b) };
}

/** Gitea refuses to close an issue with open dependencies (412): the bot removes its own first. */
export function dependenciesToRemoveBeforeClose(
  setByBot: FieldsSetByBot | null,
  current?: readonly number[],
): number[] {
  const present = current && new Set(current);
  return (setByBot?.dependencies ?? []).filter((n) => !present || present.has(n));
}

function isEmpty(value: string[] | string | null): boolean {
  return value === null || value.length === 0;
}

function sameLogins(
  a: readonly string[] | string | null,
  b: readonly string[] | string | null,
): boolean {
  const fold = (v: readonly string[] | string | null) =>
    [...(Array.isArray(v) ? v : [])]
      .map((s) => s.toLowerCase())
      .sort()
      .join("\n");
  return fold(a) === fold(b);
}

/** The same set of issue numbers, whatever the order. */
export function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  const fold = (v: readonly number[]) => [...new Set(v)].sort((x, y) => x - y).join(",");
  return fold(a) === fold(b);
}
