/**
 * The warnings only the repository can answer (SPEC §8): an `Owner` Gitea does not list as
 * assignable (`GET /repos/{o}/{r}/assignees`), a `Milestone` it does not have
 * (`GET /repos/{o}/{r}/milestones`). The shell reads both lists; this decides, and returns the
 * fields with what cannot be set taken out.
 */
import type { IssueFieldDiagnostic, IssueFields } from "./types.js";

export interface RepoChoices {
  /** Logins Gitea lists as assignable. */
  assignable: readonly string[];
  /** Names of the repository's milestones; null when they were not read (no finding names one). */
  milestones: readonly string[] | null;
}

export interface CheckedFields {
  byFinding: Map<string, IssueFields>;
  diagnostics: IssueFieldDiagnostic[];
}

export function checkAgainstRepo(
  byFinding: ReadonlyMap<string, IssueFields>,
  choices: RepoChoices,
): CheckedFields {
  const assignable = new Map(choices.assignable.map((login) => [login.toLowerCase(), login]));
  const milestones =
    choices.milestones && new Map(choices.milestones.map((n) => [n.toLowerCase(), n]));
  const checked = new Map<string, IssueFields>();
  const diagnostics: IssueFieldDiagnostic[] = [];
  for (const [id, fields] of byFinding) {
    const assignees: string[] = [];
    for (const login of fields.assignees) {
      const known = assignable.get(login.toLowerCase());
      if (known) assignees.push(known);
      else
        diagnostics.push({
          severity: "warning",
          code: "not-assignable",
          message: `${login} cannot be assigned to ${id}'s issue: Gitea does not list them as assignable in this repository (a collaborator with write access can be).`,
          line: fields.lines.assignee ?? 1,
          findingId: id,
        });
    }
    let milestone = fields.milestone;
    if (milestone !== null && milestones) {
      const known = milestones.get(milestone.toLowerCase());
      if (!known)
        diagnostics.push({
          severity: "warning",
          code: "unknown-milestone",
          message: `The milestone "${milestone}" of ${id} does not exist in this repository; create it or fix the name.`,
          line: fields.lines.milestone ?? 1,
          findingId: id,
        });
      milestone = known ?? null;
    }
    checked.set(id, { ...fields, assignees, milestone });
  }
  return { byFinding: checked, diagnostics };
}
