/**
 * The issue fields of every finding of a register, with the warnings that need the whole
 * register: a `Blocked by` that closes a cycle. The edge that closes a cycle (in document order)
 * is dropped with a warning at its line, so the rest can be set (Gitea refuses a cycle).
 */
import type { Finding } from "../document/types.js";
import { deriveIssueFields, type IssueFieldAliases, issueFieldTable } from "./derive-fields.js";
import type { IssueFieldDiagnostic, IssueFields } from "./types.js";

export interface RegisterFields {
  /** By finding ID; the first of two findings with one ID. */
  byFinding: Map<string, IssueFields>;
  diagnostics: IssueFieldDiagnostic[];
}

export function registerIssueFields(
  findings: readonly Finding[],
  options: { idPattern: string; aliases?: IssueFieldAliases },
): RegisterFields {
  const fields = startRegisterFields(findings, options);
  fields.derive(findings);
  return fields.finish();
}

/**
 * `registerIssueFields` in steps, for a shell that turns its event loop between them: `derive`
 * the findings in slices, in document order, then `finish` (the cycles need every finding).
 */
export interface RegisterFieldsInSteps {
  derive(slice: readonly Finding[]): void;
  finish(): RegisterFields;
}

export function startRegisterFields(
  findings: readonly Finding[],
  options: { idPattern: string; aliases?: IssueFieldAliases },
): RegisterFieldsInSteps {
  const table = issueFieldTable(options.aliases);
  const knownIds = new Set(findings.map((finding) => finding.id));
  const byFinding = new Map<string, IssueFields>();
  const diagnostics: IssueFieldDiagnostic[] = [];
  return {
    derive(slice) {
      for (const finding of slice) {
        if (byFinding.has(finding.id)) continue;
        const derived = deriveIssueFields({
          finding,
          table,
          idPattern: options.idPattern,
          knownIds,
        });
        byFinding.set(finding.id, derived.fields);
        diagnostics.push(...derived.diagnostics);
      }
    },
    finish() {
      diagnostics.push(...breakCycles(byFinding));
      return { byFinding, diagnostics: diagnostics.sort((a, b) => a.line - b.line) };
    },
  };
}

/** Drops each dependency that would close a cycle, in document order, and warns at its line. */
function breakCycles(byFinding: Map<string, IssueFields>): IssueFieldDiagnostic[] {
  const diagnostics: IssueFieldDiagnostic[] = [];
  const kept = new Map<string, string[]>();
  for (const [id, fields] of byFinding) {
    const accepted: string[] = [];
    kept.set(id, accepted);
    for (const dependency of fields.blockedBy) {
      const path = pathBetween(kept, dependency, id);
      if (path === null) {
        accepted.push(dependency);
        continue;
      }
      diagnostics.push({
        severity: "warning",
        code: "dependency-cycle",
        message: `${id} blocked by ${dependency} closes a cycle (${[id, ...path].join(" → ")}); that dependency is not set.`,
        line: fields.lines.blockedBy ?? 1,
        findingId: id,
      });
    }
    fields.blockedBy = accepted;
  }
  return diagnostics;
}

/** The chain of accepted dependencies from `from` to `to` (both included), or null. */
function pathBetween(graph: Map<string, string[]>, from: string, to: string): string[] | null {
  const previous = new Map<string, string>();
  const queue = [from];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const node = queue.shift() as string;
    if (node === to) {
      const path = [node];
      for (let at = node; previous.has(at); ) {
        at = previous.get(at) as string;
        path.unshift(at);
      }
      return path;
    }
    for (const next of graph.get(node) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      previous.set(next, node);
      queue.push(next);
    }
  }
  return null;
}
