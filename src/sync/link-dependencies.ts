/**
 * The dependency step of a sync (SPEC §8), after the plan's other writes, when every issue has
 * its number: each planned issue's Gitea dependencies (`Blocked by`) brought in line. Its cost:
 * the issue's dependencies read (not for an issue this sync opened: it has none), 1 POST or
 * DELETE per dependency to add or remove, then the record in the state line through the re-read
 * → write path (a re-read and a PATCH) when it moved. People win (decideDependencies): a
 * dependency a person added is never removed, one the bot added and a person removed is not
 * added back but by `/deferbot refresh`. A write whose answer was lost is not resent blind: the
 * dependencies are read again and only what is still missing is written.
 */
import { setDependenciesRecord } from "../core/issue/state-line.js";
import { decideDependencies, sameNumbers } from "../core/issue-fields/decide-edits.js";
import type { PlannedDependencies } from "../core/plan/types.js";
import { LockLostError } from "../replicas/repo-lock.js";
import { type RereadDeps, readThenWrite, rereadAndWrite } from "./reread-write.js";
import { runLimited } from "./run-limited.js";

export interface LinkOptions extends RereadDeps {
  concurrency: number;
  /** Issue numbers this sync opened, by finding ID. */
  created?: ReadonlyMap<string, number>;
  /** `/deferbot refresh`: dependencies a person removed are added again. */
  refresh?: boolean;
}

export interface DependencyOutcome {
  findingId: string;
  /** The issue. */
  number: number;
  added: number[];
  removed: number[];
  /** Whether anything was written (a dependency, or the record). */
  wrote: boolean;
  error?: string;
}

export async function linkDependencies(
  planned: readonly PlannedDependencies[],
  options: LinkOptions,
): Promise<DependencyOutcome[]> {
  // An issue this sync was to open but did not (its create failed) has nothing to link.
  const ready = planned.flatMap((work) => {
    const number = work.number ?? options.created?.get(work.findingId);
    return number === undefined ? [] : [{ work, number }];
  });
  return runLimited(ready, options.concurrency, async ({ work, number }) => {
    const outcome: DependencyOutcome = {
      findingId: work.findingId,
      number,
      added: [],
      removed: [],
      wrote: false,
    };
    try {
      await linkOne(work, number, options, outcome);
    } catch (error) {
      if (error instanceof LockLostError) throw error;
      outcome.error = error instanceof Error ? error.message : String(error);
    }
    return outcome;
  });
}

async function linkOne(
  work: PlannedDependencies,
  number: number,
  options: LinkOptions,
  outcome: DependencyOutcome,
): Promise<void> {
  const { forge } = options;
  const wanted = work.blockers.flatMap((blocker) => {
    const n = blocker.number ?? options.created?.get(blocker.id);
    return n === undefined ? [] : [n];
  });
  const refresh = options.refresh ?? false;
  const openedNow = work.number === null;
  const decision = await readThenWrite(
    async (afterLoss) => {
      await options.beforeReread?.();
      return openedNow && !afterLoss ? [] : forge.listDependencies(number);
    },
    async (current) => {
      const decided = decideDependencies({ wanted, current, setByBot: work.setByBot, refresh });
      for (const blocker of decided.add) {
        await forge.addDependency(number, blocker);
        outcome.added.push(blocker);
      }
      for (const blocker of decided.remove) {
        await forge.removeDependency(number, blocker);
        outcome.removed.push(blocker);
      }
      return decided;
    },
  );
  outcome.wrote = outcome.added.length + outcome.removed.length > 0;
  const recorded = work.setByBot?.dependencies ?? [];
  if (sameNumbers(recorded, decision.record)) return;
  outcome.wrote =
    (await rereadAndWrite(options, number, async (fresh) => {
      const body = setDependenciesRecord(fresh.body, decision.record, work.findingId);
      if (body === fresh.body) return false;
      await forge.editIssue(number, { body });
      return true;
    })) || outcome.wrote;
}
