/** `deferbot plan`: the command function with captured output, then the built bin end to end. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { runPlan } from "../../src/cli/commands/plan.js";
import type { PlanReport } from "../../src/cli/plan-report.js";
import { PROJECT_ROOT } from "../support/shared.js";

const example = join(PROJECT_ROOT, "examples/deferred-errors.md");
const fixture = (name: string) => join(PROJECT_ROOT, "test/fixtures/document", name);

async function plan(file: string, options: { json?: boolean; idPattern?: string } = {}) {
  let stdout = "";
  let stderr = "";
  const code = await runPlan(file, options, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

describe("runPlan", () => {
  it("prints the example's findings as a table with their issues, and exits 0", async () => {
    const { code, stdout, stderr } = await plan(example);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toContain(": 4 findings, 0 errors, 0 warnings");
    expect(stdout).toMatch(/^ID\s+LINES\s+RISK\s+STEPS\s+ISSUE TITLE$/m);
    expect(stdout).toMatch(/^API-SEC-014\s+8-19\s+high\s+4\s+API-SEC-014: Rate-limit/m);
    expect(stdout).toContain("  labels: deferred-error, risk/high, category/security");
    expect(stdout).toContain("    - [ ] Add a redaction serializer to both loggers");
    expect(stdout).toContain("          - `Authorization`, `Cookie`, `X-Api-Key`");
  });

  it("prints the documented JSON shape", async () => {
    const { code, stdout } = await plan(example, { json: true });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as PlanReport;
    expect(report.version).toBe(1);
    expect(report.file).toBe(example);
    expect(report.diagnostics).toEqual([]);
    expect(report.findings.map((f) => f.id)).toEqual([
      "API-SEC-014",
      "API-OBS-003",
      "DB-MIG-021",
      "WEB-DEP-009",
    ]);
    const [first] = report.findings;
    expect(first).toMatchObject({
      title: "Rate-limit the password reset endpoint",
      refs: ["PEN-2024-07"],
      line: 8,
      endLine: 19,
      issue: {
        title: "API-SEC-014: Rate-limit the password reset endpoint",
        labels: ["deferred-error", "risk/high", "category/security"],
      },
      files: [
        { path: "services/api/src/routes/auth/reset-password.ts", startLine: 42, endLine: 77 },
      ],
      risk: { level: "high", word: "High" },
      category: "Security",
    });
    expect(first?.issue.steps).toHaveLength(4);
    expect(first?.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(Object.keys(first ?? {})).toEqual([
      "id",
      "title",
      "refs",
      "line",
      "endLine",
      "issue",
      "files",
      "risk",
      "category",
      "hash",
    ]);
  });

  it("lists diagnostics as file:line:col severity code message and exits 1 on an error", async () => {
    const file = fixture("duplicate-ids.md");
    const { code, stdout, stderr } = await plan(file);
    expect(code).toBe(1);
    expect(stdout).toContain(
      `${file}:8:1 error duplicate-id ID DUP-1 is used by the findings at lines 1 and 8`,
    );
    expect(stderr).toBe(`deferbot plan: ${file} has 1 error\n`);
  });

  it("exits 0 with warnings only", async () => {
    const { code, stdout } = await plan(fixture("missing-fields.md"));
    expect(code).toBe(0);
    expect(stdout).toContain("missing-fields.md:3:1 warning missing-error");
  });

  it("passes --id-pattern to the parser", async () => {
    const file = fixture("labelled-lines-paragraph.md");
    expect(JSON.parse((await plan(file, { json: true })).stdout).findings).toEqual([]);
    const { stdout } = await plan(file, { json: true, idPattern: "deferred/[a-z0-9-]+" });
    expect(JSON.parse(stdout).findings.map((f: { id: string }) => f.id)).toEqual([
      "deferred/badge-cache",
      "deferred/utc-expiry",
    ]);
  });

  it("exits 2 with one line on stderr for an unreadable file or a bad pattern", async () => {
    const missing = await plan(join(PROJECT_ROOT, "no-such-file.md"));
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr).toMatch(
      /^deferbot plan: cannot read .*no-such-file\.md: no such file\n$/,
    );
    const directory = await plan(PROJECT_ROOT);
    expect(directory.code).toBe(2);
    const pattern = await plan(example, { idPattern: "(" });
    expect(pattern.code).toBe(2);
    expect(pattern.stderr.split("\n")).toHaveLength(2);
    expect(pattern.stderr).toContain("--id-pattern");
  });

  it("refuses the --id-pattern values the configuration refuses, with the same reason", async () => {
    const example = fixture("labelled-lines-paragraph.md");
    for (const [idPattern, reason] of [
      ["^TD-\\d+$", "must not contain ^ or $"],
      ["TD-\\d*|x?", "must not match the empty string"],
      ["(TD)-\\1", "must not use numbered backreferences"],
    ] as const) {
      const refused = await plan(example, { idPattern });
      expect(refused, idPattern).toMatchObject({ code: 2, stdout: "" });
      expect(refused.stderr, idPattern).toContain(reason);
      expect(refused.stderr.split("\n"), idPattern).toHaveLength(2);
    }
  });
});

describe("the deferbot bin", () => {
  const bin = inject("deferbotBin");
  const outDir = inject("deferbotBuildDir");

  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });

  it("is built with a node shebang", () => {
    expect(existsSync(bin)).toBe(true);
    expect(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  it("prints the example register as JSON and exits 0", () => {
    const result = run("plan", "examples/deferred-errors.md", "--json");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as PlanReport;
    expect(report.file).toBe("examples/deferred-errors.md");
    expect(report.findings.map((f) => f.issue.steps.length)).toEqual([4, 3, 3, 3]);
  });

  it("writes a large JSON plan whole through a pipe", () => {
    const register = readFileSync(example, "utf8");
    const copies = Array.from({ length: 250 }, (_, i) =>
      register.replace(/^## ([A-Z]+-[A-Z]+)-(\d+)/gm, `## $1-$2${i}`),
    );
    const file = join(outDir, "large.md");
    writeFileSync(file, copies.join("\n"));
    const result = run("plan", file, "--json");
    expect(result.status).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(500_000);
    expect(JSON.parse(result.stdout).findings).toHaveLength(1000);
  });

  it("exits 1 on a register with an error", () => {
    const result = run("plan", fixture("duplicate-ids.md"), "--json");
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).diagnostics[0].code).toBe("duplicate-id");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("exits 2 on bad usage and on an unreadable file, with one line on stderr", () => {
    for (const args of [["plan"], ["plan", "--bogus", "x"], ["plan", "missing.md"], ["nope"]]) {
      const result = run(...args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
  });
});
