/** The issues one sync wrote, by kind: the action's outputs and job summary. */
import type { ActionOutcome } from "../sync/execute-plan.js";

export interface SyncCounts {
  created: number;
  updated: number;
  closed: number;
  reopened: number;
}

export const NO_COUNTS: SyncCounts = { created: 0, updated: 0, closed: 0, reopened: 0 };

const COUNTED = {
  create: "created",
  update: "updated",
  close: "closed",
  reopen: "reopened",
} as const;

/** Actions that wrote and did not fail; an update found in sync on re-read wrote nothing. */
export function syncCounts(outcomes: readonly ActionOutcome[]): SyncCounts {
  const counts = { ...NO_COUNTS };
  for (const outcome of outcomes) {
    if (outcome.wrote && outcome.error === undefined) counts[COUNTED[outcome.action.kind]] += 1;
  }
  return counts;
}

export function addCounts(a: SyncCounts, b: SyncCounts): SyncCounts {
  return {
    created: a.created + b.created,
    updated: a.updated + b.updated,
    closed: a.closed + b.closed,
    reopened: a.reopened + b.reopened,
  };
}
