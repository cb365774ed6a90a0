/**
 * A small reader for the project's Dockerfile: enough to check its stages and instructions in
 * tests without a Docker engine. Continuation lines are joined and comments dropped; `ARG`
 * defaults declared before the first `FROM` are substituted into `FROM` lines.
 */

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  /** The image after ARG substitution, e.g. `node:24-bookworm-slim`, or an earlier stage's name. */
  from: string;
  name: string | null;
  instructions: Instruction[];
}

export function parseInstructions(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending: { parts: string[]; line: number } | null = null;
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (pending === null && (trimmed === "" || trimmed.startsWith("#"))) return;
    if (pending !== null && trimmed.startsWith("#")) return;
    const continues = trimmed.endsWith("\\");
    const part = continues ? trimmed.slice(0, -1).trim() : trimmed;
    pending ??= { parts: [], line: index + 1 };
    pending.parts.push(part);
    if (continues) return;
    const joined = pending.parts.filter((p) => p !== "").join(" ");
    const match = /^(\S+)\s*(.*)$/.exec(joined);
    if (match) {
      instructions.push({
        keyword: (match[1] ?? "").toUpperCase(),
        args: match[2] ?? "",
        line: pending.line,
      });
    }
    pending = null;
  });
  return instructions;
}

export function parseStages(text: string): Stage[] {
  const globalArgs = new Map<string, string>();
  const stages: Stage[] = [];
  for (const instruction of parseInstructions(text)) {
    if (instruction.keyword === "FROM") {
      const [image = "", as, name] = instruction.args
        .split(/\s+/)
        .filter((word) => !word.startsWith("--"));
      const from = image.replace(
        /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g,
        (_, arg: string) => globalArgs.get(arg) ?? "",
      );
      stages.push({
        from,
        name: as?.toUpperCase() === "AS" ? (name ?? null) : null,
        instructions: [],
      });
      continue;
    }
    const current = stages.at(-1);
    if (current === undefined) {
      if (instruction.keyword === "ARG") {
        const [argName = "", value = ""] = instruction.args.split("=", 2);
        globalArgs.set(argName.trim(), value.trim());
      }
      continue;
    }
    current.instructions.push(instruction);
  }
  return stages;
}

/** The JSON array of an exec-form instruction (`["node", "x"]`), or null for the shell form. */
export function execForm(args: string): string[] | null {
  const start = args.indexOf("[");
  if (start === -1) return null;
  try {
    const parsed: unknown = JSON.parse(args.slice(start));
    return Array.isArray(parsed) && parsed.every((item) => typeof item === "string")
      ? parsed
      : null;
  } catch {
    return null;
  }
}
