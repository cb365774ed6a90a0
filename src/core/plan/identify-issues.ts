/**
 * Which finding each bot-authored issue tracks (SPEC §3.1): the marker in its body, or, for an
 * issue whose block a person deleted, a title that still starts with `ID:`. Twins (several issues
 * for one ID) are ordered oldest first: the first is kept, the rest are to be closed.
 */
import { trackedFindingId } from "../issue/tracked-id.js";
import type { TrackedIssue } from "./types.js";

export function issueFindingId(issue: TrackedIssue, idPattern: string): string | null {
  return trackedFindingId(issue.body, issue.title, idPattern);
}

/** Issues by finding ID, each list oldest first; issues that track no finding are left out. */
export function groupIssuesByFinding(
  issues: TrackedIssue[],
  idPattern: string,
): Map<string, TrackedIssue[]> {
  const groups = new Map<string, TrackedIssue[]>();
  for (const issue of issues) {
    const id = issueFindingId(issue, idPattern);
    if (id === null) continue;
    const group = groups.get(id);
    if (group) group.push(issue);
    else groups.set(id, [issue]);
  }
  for (const group of groups.values()) group.sort(oldestFirst);
  return groups;
}

function oldestFirst(a: TrackedIssue, b: TrackedIssue): number {
  return a.createdAt === b.createdAt
    ? a.number - b.number
    : Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.number - b.number;
}
