/**
 * The npm package's bundle (scripts/bundle-config.mjs `cliBuild` and `launcherBuild`): a CommonJS
 * launcher and the program it imports, which run with no node_modules, subcommands in chunks loaded
 * on demand, and worker entries found by their URL.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Metafile } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { workerEntries } from "../../scripts/bundle-config.mjs";
import { VERSION } from "../../src/version.js";
import { PROJECT_ROOT } from "../support/shared.js";
import { type Built, buildBundle, filesUnder, tempDir } from "./bundles.js";

/** Packages only a subcommand may load: `--help` and `--version` must not pay for them. */
const HEAVY =
  /(^|\/)node_modules\/(probot|@octokit\/[^/]+|remark-parse|remark-gfm|unified|zod|pino)\//;

/** The inputs of `output` and of every output it imports (`onDemand`: dynamic imports too), transitively. */
function inputsReached(metafile: Metafile, output: string, onDemand: boolean): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of metafile.outputs[name]?.imports ?? [])
      if (!imported.external && (onDemand || imported.kind === "import-statement"))
        visit(imported.path);
  };
  visit(output);
  return [...seen].flatMap((name) => Object.keys(metafile.outputs[name]?.inputs ?? {}));
}

const staticInputs = (metafile: Metafile, output: string) => inputsReached(metafile, output, false);
const reachableInputs = (metafile: Metafile, output: string) =>
  inputsReached(metafile, output, true);

function outputOf(metafile: Metafile, entry: string): string {
  const found = Object.entries(metafile.outputs).find(([, out]) => out.entryPoint === entry);
  if (!found) throw new Error(`no output for ${entry}`);
  return found[0];
}

let cli: Built;
beforeAll(async () => {
  cli = await buildBundle("cli");
});

/** Runs the bundle from a folder with no node_modules anywhere above it. */
function run(args: string[], cwd = tempDir("deferbot-run-")) {
  return spawnSync(process.execPath, [join(cli.outdir, "deferbot.cjs"), ...args], {
    cwd,
    encoding: "utf8",
    env: { PATH: process.env.PATH },
  });
}

describe("the npm package's bundle", () => {
  it("is the launcher deferbot.cjs beside program.js and chunks, every one of them ESM with the createRequire banner", () => {
    const files = filesUnder(cli.outdir);
    expect(files).toContain("deferbot.cjs");
    expect(files).toContain("program.js");
    expect(files.length).toBeGreaterThan(4);
    for (const file of files.filter((name) => name !== "deferbot.cjs")) {
      const head = readFileSync(join(cli.outdir, file), "utf8").split("\n").slice(0, 3);
      expect(head, file).toContain("const require = __deferbotCreateRequire(import.meta.url);");
    }
    const launcher = readFileSync(join(cli.outdir, "deferbot.cjs"), "utf8");
    expect(launcher.split("\n").slice(0, 2)).toEqual(["#!/usr/bin/env node", '"use strict";']);
    expect(launcher).not.toMatch(/\bimport\.meta\b|^\s*(import|export)\s/m);
  });

  it("answers --version from the CommonJS launcher alone, and loads commander, then each subcommand, on demand", () => {
    const entry = outputOf(cli.metafile, "src/cli/main.ts");
    expect(entry).toMatch(/\/deferbot\.cjs$/);
    expect(Object.keys(cli.metafile.outputs[entry]?.inputs ?? {})).toEqual([
      "src/node-version.ts",
      "src/version.ts",
      "src/cli/main.ts",
    ]);
    const program = outputOf(cli.metafile, "src/cli/program.ts");
    expect(program).toBe(entry.replace(/deferbot\.cjs$/, "program.js"));
    expect(cli.metafile.outputs[entry]?.imports).toEqual([
      { path: "./program.js", kind: "dynamic-import", external: true },
    ]);
    const upFront = staticInputs(cli.metafile, program);
    expect(upFront.some((input) => input.includes("node_modules/commander/"))).toBe(true);
    expect(upFront.filter((input) => HEAVY.test(input))).toEqual([]);
    const loaded = reachableInputs(cli.metafile, program);
    expect(loaded.some((input) => input.includes("node_modules/remark-parse/"))).toBe(true);
    expect(loaded.some((input) => input.includes("node_modules/probot/"))).toBe(true);
  });

  it("`sync` and `preview` load no Probot: their Octokit is @octokit/core with deferbot's plugins", () => {
    for (const name of ["sync", "preview"]) {
      const chunk = Object.keys(cli.metafile.outputs).find((out) =>
        Object.keys(cli.metafile.outputs[out]?.inputs ?? {}).includes(
          `src/cli/commands/${name}.ts`,
        ),
      );
      expect(chunk, name).toBeDefined();
      const inputs = staticInputs(cli.metafile, chunk ?? "");
      expect(
        inputs.some((input) => input.includes("node_modules/@octokit/core/")),
        name,
      ).toBe(true);
      const probotOnly =
        /(^|\/)node_modules\/(probot|bottleneck|pino|pino-pretty|@octokit\/webhooks|@octokit\/plugin-[^/]+)\//;
      expect(
        inputs.filter((input) => probotOnly.test(input)),
        name,
      ).toEqual([]);
    }
  });

  it("`sync` loads the planner once its first requests are out, the parser once its reads are, yaml only for a configuration outside the plain shape", () => {
    const chunk = Object.keys(cli.metafile.outputs).find((out) =>
      Object.keys(cli.metafile.outputs[out]?.inputs ?? {}).includes("src/cli/commands/sync.ts"),
    );
    const upFront = staticInputs(cli.metafile, chunk ?? "");
    const later =
      /(^|\/)node_modules\/(yaml|micromark[^/]*|remark-[^/]+|unified)\/|^src\/core\/plan\//;
    expect(upFront.some((input) => input.includes("node_modules/@octokit/core/"))).toBe(true);
    expect(upFront.filter((input) => later.test(input))).toEqual([]);
    const service = outputOf(cli.metafile, "src/cli/commands/sync-service.ts");
    expect(cli.metafile.outputs[chunk ?? ""]?.imports).toContainEqual(
      expect.objectContaining({ path: service, kind: "dynamic-import" }),
    );
    const withService = staticInputs(cli.metafile, service);
    expect(withService.some((input) => input.startsWith("src/core/plan/"))).toBe(true);
    const parsers = /(^|\/)node_modules\/(yaml|remark-parse|micromark)\//;
    expect(withService.filter((input) => parsers.test(input))).toEqual([]);
    // A configuration in the plain shape is read without yaml, which loads for any other file;
    // ParseCache.prepare loads the register's parser while the reads are in flight, remark only
    // for a register with a section outside the plain shape.
    expect(withService).toContain("src/core/config/plain-yaml.ts");
    for (const [entry, library] of [
      ["src/core/config/parse-repo-config.ts", "node_modules/yaml/"],
      ["src/core/document/markdown-tree.ts", "node_modules/remark-parse/"],
    ] as const) {
      const loaded = staticInputs(cli.metafile, outputOf(cli.metafile, entry));
      expect(
        loaded.some((input) => input.includes(library)),
        entry,
      ).toBe(true);
    }
    const parser = staticInputs(
      cli.metafile,
      outputOf(cli.metafile, "src/core/document/parse-plain-first.ts"),
    );
    expect(parser).toContain("src/core/document/plain-section-tree.ts");
    expect(parser.filter((input) => parsers.test(input))).toEqual([]);
  });

  it("requires node:child_process for commander only when it would spawn, which deferbot never has it do", () => {
    const chunk = Object.keys(cli.metafile.outputs).find((out) =>
      Object.keys(cli.metafile.outputs[out]?.inputs ?? {}).some((input) =>
        input.endsWith("node_modules/commander/lib/command.js"),
      ),
    );
    const text = readFileSync(join(cli.outdir, (chunk ?? "").split("/").pop() ?? ""), "utf8");
    const mentions = text.split("\n").filter((line) => line.includes("node:child_process"));
    expect(mentions).toEqual([
      '    var childProcess = { spawn: (...args) => __require("node:child_process").spawn(...args) };',
    ]);
  });

  it("carries zod's mini API only, not the classic one that loads every method with the first schema", () => {
    const inputs = Object.values(cli.metafile.outputs).flatMap((out) => Object.keys(out.inputs));
    expect(inputs.some((input) => input.includes("node_modules/zod/v4/mini/"))).toBe(true);
    expect(inputs.filter((input) => input.includes("node_modules/zod/v4/classic/"))).toEqual([]);
  });

  it("inlines zod's English messages only, not its other locales", () => {
    const inputs = Object.values(cli.metafile.outputs).flatMap((out) => Object.keys(out.inputs));
    const locales = inputs.filter((input) => input.includes("node_modules/zod/v4/locales/"));
    expect(locales.some((input) => input.endsWith("/en.js"))).toBe(true);
    expect(locales.filter((input) => !/\/(en|index)\.js$/.test(input))).toEqual([]);
  });

  it("prints the version with --version and -V, and lists every subcommand with --help", () => {
    for (const flag of ["--version", "-V"]) {
      const result = run([flag]);
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(`${VERSION}\n`);
    }
    const help = run(["--help"]);
    expect(help.status).toBe(0);
    for (const name of ["plan", "sync", "serve", "action"])
      expect(help.stdout).toMatch(new RegExp(`\\n  ${name} `));
  });

  it("`plan` loads neither yaml without a configuration file nor remark for a register in the plain shape", () => {
    const chunk = Object.keys(cli.metafile.outputs).find((out) =>
      Object.keys(cli.metafile.outputs[out]?.inputs ?? {}).includes("src/cli/commands/plan.ts"),
    );
    const upFront = staticInputs(cli.metafile, chunk ?? "");
    expect(upFront).toContain("src/core/document/plain-section-tree.ts");
    expect(
      upFront.filter((input) => /node_modules\/(yaml|remark-parse|micromark|zod)\//.test(input)),
    ).toEqual([]);
  });

  it("plans the example register with no node_modules in reach", () => {
    const cwd = tempDir("deferbot-plan-");
    copyFileSync(join(PROJECT_ROOT, "examples/deferred-errors.md"), join(cwd, "register.md"));
    const result = run(["plan", "register.md", "--json"], cwd);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { findings: { id: string }[] };
    expect(report.findings.map((finding) => finding.id)).toContain("API-SEC-014");
  });

  it("gives a subcommand's own options to its help", () => {
    const result = run(["plan", "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("--id-pattern <regexp>");
  });
});

describe("worker entries", () => {
  /** A project whose program starts, from a lazily imported chunk, the worker at `url`. */
  function project(url: string, workers: Record<string, string>): string {
    const root = tempDir("deferbot-workers-");
    mkdirSync(join(root, "src/cli"), { recursive: true });
    mkdirSync(join(root, "src/pool"), { recursive: true });
    writeFileSync(join(root, "src/cli/main.ts"), 'void import("./program.js");\n');
    writeFileSync(join(root, "src/cli/program.ts"), 'await import("../pool/start.js");\n');
    writeFileSync(
      join(root, "src/pool/start.ts"),
      [
        'import { Worker } from "node:worker_threads";',
        `const worker = new Worker(new URL("./${url}.js", import.meta.url));`,
        "worker.on('message', (text) => { process.stdout.write(text); void worker.terminate(); });",
        "",
      ].join("\n"),
    );
    for (const [name, text] of Object.entries(workers))
      writeFileSync(join(root, "src/pool", name), text);
    return root;
  }

  const ECHO =
    'import { parentPort } from "node:worker_threads";\nparentPort?.postMessage("hello from the worker");\n';

  it('are the siblings a `new URL("./NAME.js", import.meta.url)` names, bundled beside the entry', async () => {
    const root = project("parse-worker", { "parse-worker.ts": ECHO });
    expect(workerEntries(root)).toEqual([{ in: "src/pool/parse-worker.ts", out: "parse-worker" }]);
    const built = await buildBundle("cli", root);
    expect(filesUnder(built.outdir)).toContain("parse-worker.js");
    const out = execFileSync(process.execPath, [join(built.outdir, "deferbot.cjs")], {
      encoding: "utf8",
    });
    expect(out).toBe("hello from the worker");
  });

  it("are none while the named file does not exist yet", () => {
    expect(workerEntries(project("parse-worker", {}))).toEqual([]);
  });
});
