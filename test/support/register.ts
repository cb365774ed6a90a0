/** Builds registers in the canonical format (as in examples/deferred-errors.md) for tests and the benchmark. */

export interface FindingSpec {
  id: string;
  title: string;
  refs?: string;
  file?: string;
  error?: string;
  category?: string;
  reason?: string;
  steps?: string[];
  risk?: string;
}

export function findingSpec(n: number, overrides: Partial<FindingSpec> = {}): FindingSpec {
  const id = `TD-${String(n).padStart(3, "0")}`;
  return {
    id,
    title: `Deferred finding number ${n}`,
    file: `src/module-${n}/index.ts:${10 + (n % 90)}`,
    error: `Module ${n} swallows errors from its storage client`,
    category: n % 2 === 0 ? "Architectural" : "Security",
    reason: `Fixing module ${n} needs a migration that is scheduled for the next quarter.`,
    steps: [
      `Add a typed error for module ${n}`,
      `Propagate storage failures from module ${n} to the caller`,
      `Add a regression test that fails when module ${n} hides an error`,
    ],
    risk: n % 3 === 0 ? "High — reachable from the public API" : "Low — internal only",
    ...overrides,
  };
}

export function renderFinding(spec: FindingSpec): string {
  const heading = `## ${spec.id}: ${spec.refs ? `${spec.refs} - ` : ""}${spec.title}`;
  const lines = [heading, ""];
  if (spec.file !== undefined) lines.push(`- **File:** \`${spec.file}\``);
  if (spec.error !== undefined) lines.push(`- **Error:** ${spec.error}`);
  if (spec.category !== undefined) lines.push(`- **Category:** ${spec.category}`);
  if (spec.reason !== undefined) lines.push(`- **Reason:** ${spec.reason}`);
  if (spec.steps !== undefined) {
    lines.push("- **Suggested approach:**");
    spec.steps.forEach((step, i) => {
      lines.push(`  ${i + 1}. ${step}`);
    });
  }
  if (spec.risk !== undefined) lines.push(`- **Risk:** ${spec.risk}`);
  return lines.join("\n");
}

export function renderRegister(specs: FindingSpec[]): string {
  return `# Deferred Errors\n\n---\n\n${specs.map(renderFinding).join("\n\n---\n\n")}\n`;
}

/** A register of `count` generated findings, numbered from 1. */
export function generatedRegister(count: number): string {
  return renderRegister(Array.from({ length: count }, (_, i) => findingSpec(i + 1)));
}
