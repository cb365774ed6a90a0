import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../support/shared.js";
import { execForm, type Instruction, parseStages, type Stage } from "./dockerfile.js";

const dockerfile = readFileSync(join(PROJECT_ROOT, "Dockerfile"), "utf8");
const stages = parseStages(dockerfile);
const runtime = stages.at(-1) as Stage;
const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as {
  bin: { deferbot: string };
  scripts: Record<string, string>;
};
const dockerignore = readFileSync(join(PROJECT_ROOT, ".dockerignore"), "utf8")
  .split(/\r?\n/)
  .map((line) => line.trim())
  .filter((line) => line !== "" && !line.startsWith("#"));

function only(stage: Stage, keyword: string): Instruction {
  const found = stage.instructions.filter((instruction) => instruction.keyword === keyword);
  expect(found, `${keyword} in the runtime stage`).toHaveLength(1);
  return found[0] as Instruction;
}

function stageNamed(name: string): Stage {
  const stage = stages.find((candidate) => candidate.name === name);
  if (stage === undefined) throw new Error(`no stage named ${name}`);
  return stage;
}

/** The RUN commands of a stage and of the stages it is built FROM. */
function runsOf(stage: Stage): string[] {
  const parent = stages.find((candidate) => candidate.name === stage.from);
  const own = stage.instructions.filter((i) => i.keyword === "RUN").map((i) => i.args);
  return parent === undefined ? own : [...runsOf(parent), ...own];
}

/** Whether .dockerignore keeps `path` (relative to the project) out of the build context: the last matching line decides, `!` lets through. */
function ignored(path: string): boolean {
  let result = false;
  for (const line of dockerignore) {
    const negated = line.startsWith("!");
    const pattern = negated ? line.slice(1) : line;
    const regexp = new RegExp(
      `^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}(/.*)?$`,
    );
    if (regexp.test(path)) result = !negated;
  }
  return result;
}

describe("Dockerfile", () => {
  it("builds in more than one stage, every image a slim Node LTS image", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const stageNames = new Set(stages.map((stage) => stage.name));
    const images = stages.map((stage) => stage.from).filter((from) => !stageNames.has(from));
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      const match = /^node:(\d+)-[a-z]+-slim$/.exec(image);
      expect(match, `${image} is node:<major>-<debian>-slim`).not.toBeNull();
      const major = Number(match?.[1]);
      // Even-numbered Node majors become LTS; 20 is the oldest the project supports.
      expect(major % 2, `${image} is an LTS line`).toBe(0);
      expect(major).toBeGreaterThanOrEqual(20);
    }
    // The runtime image is on the newest LTS line the project tests (.ci/run: Node 24).
    expect(runtime.from === "runtime" ? "" : runtime.from).toMatch(/^node:24-/);
  });

  it("runs as the unprivileged node user in production mode", () => {
    const user = only(runtime, "USER").args.trim();
    expect(user).toBe("node");
    expect(
      runtime.instructions.some((i) => i.keyword === "ENV" && /NODE_ENV=production/.test(i.args)),
    ).toBe(true);
    expect(only(runtime, "EXPOSE").args.trim()).toBe("3000");
  });

  it("ships the bundle built in another stage, and no node_modules", () => {
    const copies = runtime.instructions.filter((i) => i.keyword === "COPY");
    expect(copies.some((i) => /node_modules/.test(i.args))).toBe(false);
    expect(
      runtime.instructions.some((i) => i.keyword === "RUN" && /npm (ci|install)/.test(i.args)),
    ).toBe(false);
    const bundle = copies.find((i) => /\/app\/bundle\b/.test(i.args));
    const bundleFrom = /--from=(\S+)/.exec(bundle?.args ?? "")?.[1] as string;
    expect(bundleFrom, "bundle/ is copied from another stage").toBeDefined();
    expect(runsOf(stageNamed(bundleFrom)).some((run) => /npm run build\b/.test(run))).toBe(true);
    expect(pkg.scripts.build).toBe("node scripts/build.mjs");
    const local = copies.filter((i) => !/--from=/.test(i.args)).map((i) => i.args);
    expect(local.join(" ")).toMatch(/\bLICENSE\b/);
    expect(local.join(" ")).toMatch(/\bTHIRD-PARTY-NOTICES\.md\b/);
  });

  it("copies into the build only files that exist and that .dockerignore lets through", () => {
    const sources = stages
      .flatMap((stage) => stage.instructions)
      .filter((i) => i.keyword === "COPY" && !/--from=/.test(i.args))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources).toEqual(expect.arrayContaining(["package-lock.json", "src", "scripts"]));
    for (const source of sources) {
      expect(existsSync(join(PROJECT_ROOT, source)), `${source} exists`).toBe(true);
      expect(ignored(source), `${source} is not in .dockerignore`).toBe(false);
    }
  });

  it("keeps local state, tests and secrets out of the build context", () => {
    for (const path of [
      "node_modules",
      "dist",
      "bundle",
      ".git",
      "test",
      "bench",
      ".env",
      "README.md",
    ]) {
      expect(ignored(path), `${path} is in .dockerignore`).toBe(true);
    }
  });

  it("starts package.json's bin (the bundle's entry), with `serve` by default", () => {
    expect(execForm(only(runtime, "ENTRYPOINT").args)).toEqual(["node", pkg.bin.deferbot]);
    expect(execForm(only(runtime, "CMD").args)).toEqual(["serve"]);
  });
});

describe("the image's HEALTHCHECK command", () => {
  let server: Server | null = null;
  afterEach(() => {
    server?.close();
    server = null;
  });

  const healthcheck = only(runtime, "HEALTHCHECK").args;
  const command = execForm(healthcheck) ?? [];

  /** Runs the command as Docker would, with PORT set; resolves to its exit code. */
  function check(port: number): Promise<number | null> {
    expect(healthcheck).toMatch(/(^|\s)CMD \[/);
    expect(command[0], "the slim image has no curl: node itself asks").toBe("node");
    const child = spawn(process.execPath, command.slice(1), {
      env: { ...process.env, PORT: String(port) },
      stdio: "ignore",
    });
    return new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", (code) => resolve(code));
    });
  }

  async function serve(status: number): Promise<{ port: number; paths: string[] }> {
    const paths: string[] = [];
    const listening = createServer((req, res) => {
      paths.push(req.url ?? "");
      res.writeHead(req.url === "/healthz" ? status : 404).end();
    });
    server = listening;
    await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
    return { port: (listening.address() as AddressInfo).port, paths };
  }

  it("succeeds when /healthz on $PORT answers 200", async () => {
    const { port, paths } = await serve(200);
    expect(await check(port)).toBe(0);
    expect(paths).toEqual(["/healthz"]);
  });

  it("fails when /healthz answers an error", async () => {
    const { port } = await serve(503);
    expect(await check(port)).toBe(1);
  });

  it("fails when nothing listens", async () => {
    const { port } = await serve(200);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = null;
    expect(await check(port)).toBe(1);
  });
});
