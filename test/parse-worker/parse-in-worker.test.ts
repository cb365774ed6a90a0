/**
 * The parse worker (SPEC §4) on a real worker thread. The worker runs JavaScript, so the
 * modules it needs are compiled with tsc first, into a folder inside the project (where
 * `node_modules` resolves), keeping their layout: the entry sits beside its caller as after
 * the build and in the bundle.
 */

import { execFileSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parseRegister } from "../../src/core/document/parse-register.js";
import type { parseInWorker as ParseInWorker } from "../../src/parse-worker/parse-in-worker.js";
import { FINDINGS_PER_MESSAGE } from "../../src/parse-worker/protocol.js";
import { PROJECT_ROOT } from "../support/shared.js";

const OUT = join(PROJECT_ROOT, "node_modules/.cache/deferbot-parse-worker-test");
const ENTRIES = ["src/parse-worker/parse-in-worker.ts", "src/parse-worker/parse-worker-entry.ts"];

let parseInWorker: typeof ParseInWorker;

beforeAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  execFileSync(
    join(PROJECT_ROOT, "node_modules/.bin/tsc"),
    [
      ...["--ignoreConfig", "--outDir", OUT, "--rootDir", PROJECT_ROOT, "--skipLibCheck"],
      ...["--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2023"],
      ...["--types", "node", "--verbatimModuleSyntax"],
      ...ENTRIES.map((entry) => join(PROJECT_ROOT, entry)),
    ],
    { cwd: PROJECT_ROOT },
  );
  writeFileSync(join(OUT, "package.json"), '{ "type": "module" }\n');
  const module = await import(pathToFileURL(join(OUT, "src/parse-worker/parse-in-worker.js")).href);
  parseInWorker = module.parseInWorker;
});

const finding = (id: string) =>
  `## ${id}: Title of ${id}\n\n- **Error:** broken\n- **Suggested approach:**\n  1. Fix it\n- **Risk:** Low — fine\n\n`;
const register = (count: number) =>
  `# Register\n\n${Array.from({ length: count }, (_, i) => finding(`AB-${i + 1}`)).join("")}`;

describe("parseInWorker", () => {
  it("gives what parseRegister gives, from bytes", async () => {
    const text = `${register(3)}## AB-1: Again\n`;
    const bytes = new TextEncoder().encode(text);
    const result = await parseInWorker(bytes, { riskLevels: ["low"] }, { timeoutMs: 30_000 });
    expect(result).toEqual(parseRegister(bytes, { riskLevels: ["low"] }));
    expect(result.findings).toHaveLength(3);
  });

  it("a result of several batches (FINDINGS_PER_MESSAGE each) comes back whole and in order", async () => {
    const text = register(2 * FINDINGS_PER_MESSAGE + 7);
    const result = await parseInWorker(text, {}, { timeoutMs: 60_000 });
    expect(result.findings).toHaveLength(2 * FINDINGS_PER_MESSAGE + 7);
    expect(result).toEqual(parseRegister(text));
  });

  it("a document nested 1,000 deep is too-complex, decided before remark sees it", async () => {
    const deep = `${finding("AB-1")}## AB-2: Deep\n\n${"> ".repeat(1000)}x\n`;
    const result = await parseInWorker(deep, {}, { timeoutMs: 30_000 });
    expect(result.findings.map((f) => f.id)).toEqual(["AB-1"]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: "too-complex", severity: "error", line: 10 }),
    ]);
  });

  it("a worker over its heap cap is too-complex, not a crash", async () => {
    const result = await parseInWorker(register(4000), {}, { timeoutMs: 60_000, maxHeapMb: 8 });
    expect(result.findings).toEqual([]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: "too-complex", severity: "error" }),
    ]);
    expect(result.diagnostics[0]?.message).toMatch(/more than 8 MB/);
  });

  it("a parse past the timeout is too-complex and the worker is stopped", async () => {
    const result = await parseInWorker(register(1000), {}, { timeoutMs: 1 });
    expect(result).toEqual({
      findings: [],
      diagnostics: [expect.objectContaining({ code: "too-complex", severity: "error", line: 1 })],
    });
    expect(result.diagnostics[0]?.message).toMatch(/took longer than 1 ms/);
  });
});
