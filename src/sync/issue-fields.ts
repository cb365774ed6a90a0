/**
 * Gitea's own issue fields of one sync (SPEC §8): what each finding asks (registerIssueFields),
 * checked against the repository — its assignable users read only when some finding names an
 * owner, its milestones only when some finding names one (one request each, at most, per sync) —
 * and the milestone IDs the writes need. The warnings go to the sync's diagnostics and status.
 */
import type { RepoConfig } from "../core/config/repo-config.js";
import type { Finding } from "../core/document/types.js";
import type { FieldsInput } from "../core/issue/types.js";
import { checkAgainstRepo } from "../core/issue-fields/check-against-repo.js";
import type { FieldEdits } from "../core/issue-fields/decide-edits.js";
import { wantedFields } from "../core/issue-fields/record-fields.js";
import { startRegisterFields } from "../core/issue-fields/register-fields.js";
import type { IssueFieldDiagnostic, IssueFields } from "../core/issue-fields/types.js";
import type { Forge, IssueFieldEdit } from "../port/forge.js";
import { nextTurn } from "./next-turn.js";

export interface SyncFields {
  /** By finding ID, after the repository check. */
  byFinding: ReadonlyMap<string, IssueFields>;
  diagnostics: IssueFieldDiagnostic[];
  /** Milestone name, lower case → its ID (empty when no finding names a milestone). */
  milestoneIds: ReadonlyMap<string, number>;
  /** `/deferbot refresh`: the document's values are written over a person's change. */
  refresh?: boolean;
}

/** The issue fields of `findings` (of `only`, when given: the one finding a command writes). */
export async function resolveIssueFields(
  forge: Pick<Forge, "listAssignees" | "listMilestones">,
  findings: readonly Finding[],
  config: Pick<RepoConfig, "idPattern" | "fieldAliases">,
  only?: string,
): Promise<SyncFields> {
  // A big register's findings in slices, each a task of its own (SPEC §4: webhooks are answered
  // meanwhile); a register of up to FINDINGS_PER_TASK findings takes no extra turn.
  const register = startRegisterFields(findings, {
    idPattern: config.idPattern,
    aliases: config.fieldAliases,
  });
  for (let from = 0; from < findings.length; from += FINDINGS_PER_TASK) {
    if (from > 0) await nextTurn();
    register.derive(findings.slice(from, from + FINDINGS_PER_TASK));
  }
  const registered = register.finish();
  const asked = [...registered.byFinding].filter(([id]) => only === undefined || id === only);
  const byFinding = new Map(asked);
  const [assignable, milestones] = await Promise.all([
    asked.some(([, fields]) => fields.assignees.length > 0) ? forge.listAssignees() : [],
    asked.some(([, fields]) => fields.milestone !== null) ? forge.listMilestones() : null,
  ]);
  if (findings.length > FINDINGS_PER_TASK) await nextTurn();
  const checked = checkAgainstRepo(byFinding, {
    assignable,
    milestones: milestones === null ? null : milestones.map((milestone) => milestone.title),
  });
  const diagnostics = [
    ...registered.diagnostics.filter((d) => only === undefined || d.findingId === only),
    ...checked.diagnostics,
  ].sort((a, b) => a.line - b.line);
  return {
    byFinding: checked.byFinding,
    diagnostics,
    milestoneIds: new Map((milestones ?? []).map((m) => [m.title.toLowerCase(), m.id])),
  };
}

/** Findings whose issue fields are derived in one task (a slice: 2–3 ms of CPU, measured cold). */
export const FINDINGS_PER_TASK = 1000;

/** What a write of the finding's issue brings in line; undefined when the sync handles no fields. */
export function fieldsInputOf(
  fields: SyncFields | undefined,
  findingId: string,
): FieldsInput | undefined {
  const own = fields?.byFinding.get(findingId);
  return own && { wanted: wantedFields(own), ...(fields?.refresh ? { refresh: true } : {}) };
}

/** The core's edits in the port's terms: the milestone by its ID. */
export function forgeFieldEdit(
  edits: FieldEdits | undefined,
  milestoneIds: ReadonlyMap<string, number>,
): IssueFieldEdit {
  if (!edits) return {};
  const { milestone, ...rest } = edits;
  if (milestone === undefined) return rest;
  if (milestone === null) return { ...rest, milestone: null };
  const id = milestoneIds.get(milestone.toLowerCase());
  // checkAgainstRepo kept only milestones the repository has: an unknown name is not sent.
  return id === undefined ? rest : { ...rest, milestone: id };
}
