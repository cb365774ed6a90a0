/** `deferbot check` and `plan --config`: a configuration applied to a register offline, and their exit codes. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { runCheck } from "../../src/cli/commands/check.js";
import { runPlan } from "../../src/cli/commands/plan.js";
import { exitCodes } from "../../src/cli/exit-codes.js";
import type { OfflineReport } from "../../src/cli/offline-report.js";
import { PROJECT_ROOT } from "../support/shared.js";

const example = join(PROJECT_ROOT, "examples/deferred-errors.md");
const document = (name: string) => join(PROJECT_ROOT, "test/fixtures/document", name);
const config = (name: string) => join(PROJECT_ROOT, "test/fixtures/config", name);

type Options = { json?: boolean; config?: string };

async function capture(run: (io: Parameters<typeof runCheck>[2]) => Promise<number>) {
  let stdout = "";
  let stderr = "";
  const code = await run({
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

const check = (register: string | undefined, options: Options = {}) =>
  capture((io) => runCheck(register, options, io));
const plan = (register: string, options: Options = {}) =>
  capture((io) => runPlan(register, options, io));

describe("deferbot check", () => {
  it("reports every mistake of the configuration with its line and column, and exits 1", async () => {
    const file = config("three-mistakes.yml");
    const { code, stdout, stderr } = await check(example, { config: file });
    expect(code).toBe(1);
    expect(stdout).toContain(`${file}: 3 errors (none of it is used)`);
    expect(stdout).toContain(`${file}:2:1 error config-invalid-value idPattern:`);
    expect(stdout).toContain(`${file}:3:1 error config-invalid-value maxCreates:`);
    expect(stdout).toContain(`${file}:5:3 error config-invalid-value labels.risk:`);
    expect(stderr).toBe(`deferbot check: ${file} has 3 errors\n`);
  });

  it("--json puts the configuration's diagnostics next to the register's", async () => {
    const file = config("three-mistakes.yml");
    const { code, stdout } = await check(document("duplicate-ids.md"), {
      config: file,
      json: true,
    });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as OfflineReport;
    expect(report.exitCode).toBe(1);
    expect(report.config).toBe(file);
    expect(report.configDiagnostics.map((d) => [d.key, d.line, d.column])).toEqual([
      ["idPattern", 2, 1],
      ["maxCreates", 3, 1],
      ["labels.risk", 5, 3],
    ]);
    expect(report.diagnostics.map((d) => d.code)).toEqual(["duplicate-id"]);
  });

  it("applies a valid configuration, and reads its document when no register is named", async () => {
    const { code, stdout } = await check(undefined, {
      config: config("document-elsewhere.yml"),
      json: true,
    });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as OfflineReport;
    expect(report.file).toBe("examples/deferred-errors.md");
    expect(report.configDiagnostics).toEqual([]);
    // labels.category: false is applied.
    expect(report.findings[0]?.issue.labels).toEqual(["deferred-error", "risk/high"]);
  });

  it("--json prints one object with error and exitCode when a file cannot be read", async () => {
    const { code, stdout, stderr } = await check(example, {
      config: join(PROJECT_ROOT, "no-such.yml"),
      json: true,
    });
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toEqual({
      version: 1,
      error: expect.stringMatching(/^cannot read .*no-such\.yml: no such file$/),
      exitCode: 2,
    });
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("plan --id-pattern", () => {
  it("refuses what the configuration's idPattern refuses, with exit 2", async () => {
    for (const pattern of ["^\\d+", "\\d*", "([A-Z])\\1-\\d+"]) {
      const { code, stderr } = await capture((io) => runPlan(example, { idPattern: pattern }, io));
      expect(code, pattern).toBe(exitCodes.usage);
      expect(stderr, pattern).toMatch(/^deferbot plan: --id-pattern .* must /);
    }
  });
});

describe("plan --config", () => {
  it("parses the register with the configuration's idPattern and labels", async () => {
    const { code, stdout } = await plan(example, {
      config: config("document-elsewhere.yml"),
      json: true,
    });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as OfflineReport).findings[0]?.issue.labels).toEqual([
      "deferred-error",
      "risk/high",
    ]);
  });

  it("lists the configuration's mistakes after the plan and exits 1", async () => {
    const file = config("three-mistakes.yml");
    const { code, stdout } = await plan(example, { config: file });
    expect(code).toBe(1);
    expect(stdout).toContain(`${file}:5:3 error config-invalid-value labels.risk:`);
  });
});

/** SPEC §9 for the offline commands: every cause and its code. */
describe.each([
  ["plan", (register: string, options: Options) => plan(register, options)],
  ["check", (register: string, options: Options) => check(register, options)],
] as const)("deferbot %s exit codes", (_, run) => {
  it.each([
    ["a clean register", example, {}, exitCodes.ok],
    ["warnings only", document("missing-fields.md"), {}, exitCodes.ok],
    [
      "a clean register and a valid configuration",
      example,
      { config: config("full.yml") },
      exitCodes.ok,
    ],
    ["an error in the register", document("duplicate-ids.md"), {}, exitCodes.invalid],
    [
      "an error in the configuration",
      example,
      { config: config("three-mistakes.yml") },
      exitCodes.invalid,
    ],
    ["an unreadable register", join(PROJECT_ROOT, "no-such.md"), {}, exitCodes.usage],
    ["a register that is a directory", PROJECT_ROOT, {}, exitCodes.usage],
    [
      "an unreadable configuration",
      example,
      { config: join(PROJECT_ROOT, "no-such.yml") },
      exitCodes.usage,
    ],
  ])("%s: %s", async (_cause, register, options, expected) => {
    for (const json of [false, true]) {
      const { code, stdout } = await run(register, { ...options, json });
      expect(code, `json: ${json}`).toBe(expected);
      if (json) expect(JSON.parse(stdout).exitCode).toBe(expected);
    }
  });
});

describe("deferbot check, the built bin", () => {
  const bin = inject("deferbotBin");
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: PROJECT_ROOT, encoding: "utf8" });

  it("is a subcommand: three mistakes, exit 1, one JSON object", () => {
    const result = run(
      "check",
      "--config",
      "test/fixtures/config/three-mistakes.yml",
      "--json",
      "examples/deferred-errors.md",
    );
    expect(result.status).toBe(1);
    expect((JSON.parse(result.stdout) as OfflineReport).configDiagnostics).toHaveLength(3);
  });

  it("exits 2 with the error object on an unreadable register", () => {
    const result = run("check", "--json", "no-such.md");
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ exitCode: 2 });
  });
});
