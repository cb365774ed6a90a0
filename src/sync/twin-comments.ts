/**
 * Twin resolution keeps the issue people worked on (§3.1), counting their comments: the shell
 * reads the comments of twins alone (`twinNumbers`) and fills in `peopleComments`.
 */
import { countPeopleComments, twinNumbers } from "../core/plan/identify-issues.js";
import type { TrackedIssue } from "../core/plan/types.js";
import type { Forge } from "../port/forge.js";
import { runLimited } from "./run-limited.js";

export async function withTwinComments(
  tracked: TrackedIssue[],
  options: { forge: Forge; botLogin: string; idPattern: string; concurrency: number },
): Promise<TrackedIssue[]> {
  const numbers = new Set(twinNumbers(tracked, options.idPattern));
  if (numbers.size === 0) return tracked;
  const counted = new Map<number, number>();
  await runLimited([...numbers], options.concurrency, async (number) => {
    const comments = await options.forge.listComments(number);
    counted.set(number, countPeopleComments(comments, options.botLogin));
  });
  return tracked.map((issue) => {
    const people = counted.get(issue.number);
    return people === undefined ? issue : { ...issue, peopleComments: people };
  });
}
