/**
 * Which finding each bot-authored issue tracks (SPEC §3.1), and which issue is kept when several
 * track one.
 *
 * An issue tracks the finding of its block's marker, or, for an issue whose block a person
 * deleted, the one its title starts with (`ID:`). When its state line names another finding (a
 * person edited the hidden marker), the state line wins and the issue is in conflict: it stays
 * with that finding, takes part in no twin resolution (nothing is closed, retitled or ticked
 * because of it) and is reported. A version 1 state line holds no ID: the bot-set title it records
 * (`ID: …`) names the finding, else the marker does.
 *
 * Twins (several issues, none in conflict, for one ID): the kept one has the most work by people
 * — ticked steps plus comments by people — and on a tie is the oldest. Comments by people count
 * only when known for every twin of the group (`peopleComments`, or a listing count of 0): the
 * listing's `comments` includes the bot's own, so without the shell's count only ticks compare.
 */
import { findingIdFromTitle } from "../issue/find-id-from-title.js";
import { parseIssueBody } from "../issue/parse-issue-body.js";
import { readState } from "../issue/state-line.js";
import { trackedFindingId } from "../issue/tracked-id.js";
import { chooseKeptTwin } from "./keep-twin.js";
import type { MarkerConflict } from "./plan-comments.js";
import type { TrackedIssue } from "./types.js";

export interface IssueIdentity {
  id: string;
  conflict: MarkerConflict | null;
}

export interface FindingIssues {
  /** The issue kept for the finding; null when its only issues are in conflict. */
  kept: TrackedIssue | null;
  /** The other issues of the finding, none in conflict, oldest first. */
  twins: TrackedIssue[];
  /** Issues that stay with this finding by their state line although their marker names another. */
  conflicted: { issue: TrackedIssue; conflict: MarkerConflict }[];
}

export function identifyIssue(issue: TrackedIssue, idPattern: string): IssueIdentity | null {
  const tracked = trackedFindingId(issue.body, issue.title, idPattern);
  if (tracked === null) return null;
  const state = readState(issue.body, tracked);
  const named = state === null ? "" : state.v >= 2 ? state.id : v1Id(state, idPattern);
  if (named === "" || named === tracked) return { id: tracked, conflict: null };
  const marker = parseIssueBody(issue.body, tracked).findingId;
  return {
    id: named,
    conflict: { state: named, marker, title: findingIdFromTitle(issue.title, idPattern) },
  };
}

function v1Id(state: { id: string; title: string }, idPattern: string): string {
  return findingIdFromTitle(state.title, idPattern) ?? state.id;
}

/** The issues of each finding ID; issues that track no finding are left out. */
export function groupIssuesByFinding(
  issues: readonly TrackedIssue[],
  idPattern: string,
): Map<string, FindingIssues> {
  const members = new Map<
    string,
    { clean: TrackedIssue[]; conflicted: FindingIssues["conflicted"] }
  >();
  for (const issue of issues) {
    const identity = identifyIssue(issue, idPattern);
    if (identity === null) continue;
    let group = members.get(identity.id);
    if (!group) {
      group = { clean: [], conflicted: [] };
      members.set(identity.id, group);
    }
    if (identity.conflict) group.conflicted.push({ issue, conflict: identity.conflict });
    else group.clean.push(issue);
  }
  const groups = new Map<string, FindingIssues>();
  for (const [id, { clean, conflicted }] of members) {
    const ranked = rankByWork(clean, id);
    groups.set(id, { kept: ranked[0] ?? null, twins: ranked.slice(1), conflicted });
  }
  return groups;
}

/** The kept issue first (most work by people, on a tie the oldest), then the others oldest first. */
export function rankByWork(issues: readonly TrackedIssue[], findingId: string): TrackedIssue[] {
  if (issues.length < 2) return [...issues];
  const commentsKnown = issues.every((issue) => peopleComments(issue) !== undefined);
  const candidates = issues.map((issue) => ({
    issue,
    number: issue.number,
    createdAt: issue.createdAt,
    work: ticks(issue, findingId) + (commentsKnown ? (peopleComments(issue) ?? 0) : 0),
  }));
  return chooseKeptTwin(candidates).map((candidate) => candidate.issue);
}

/** The numbers of the issues whose comments by people twin resolution needs (shell: count them). */
export function twinNumbers(issues: readonly TrackedIssue[], idPattern: string): number[] {
  const numbers: number[] = [];
  for (const group of groupIssuesByFinding(issues, idPattern).values()) {
    if (group.twins.length === 0) continue;
    for (const issue of [group.kept, ...group.twins])
      if (issue && peopleComments(issue) === undefined) numbers.push(issue.number);
  }
  return numbers.sort((a, b) => a - b);
}

/** Comments by people in a list of an issue's comments: every one whose author is not the bot. */
export function countPeopleComments(
  comments: readonly { author: string }[],
  botLogin: string,
): number {
  const bot = botLogin.toLowerCase();
  return comments.filter((comment) => comment.author.toLowerCase() !== bot).length;
}

function peopleComments(issue: TrackedIssue): number | undefined {
  return issue.peopleComments ?? (issue.comments === 0 ? 0 : undefined);
}

function ticks(issue: TrackedIssue, findingId: string): number {
  return parseIssueBody(issue.body, findingId).steps.filter((step) => step.checked).length;
}
