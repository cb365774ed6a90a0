import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, posix } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../support/shared.js";
import { execForm, type Instruction, parseStages, type Stage } from "./dockerfile.js";

const dockerfile = readFileSync(join(PROJECT_ROOT, "Dockerfile"), "utf8");
const stages = parseStages(dockerfile);
const runtime = stages.at(-1) as Stage;
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

/** Whether .dockerignore keeps `path` (relative to the project) out of the build context. */
function ignored(path: string): boolean {
  return dockerignore.some((pattern) => {
    const regexp = new RegExp(
      `^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}(/.*)?$`,
    );
    return regexp.test(path);
  });
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
  });

  it("runs as the unprivileged node user in production mode", () => {
    const user = only(runtime, "USER").args.trim();
    expect(user).toBe("node");
    expect(
      runtime.instructions.some((i) => i.keyword === "ENV" && /NODE_ENV=production/.test(i.args)),
    ).toBe(true);
    expect(only(runtime, "EXPOSE").args.trim()).toBe("3000");
  });

  it("ships production dependencies only, and the compiled output", () => {
    const copies = runtime.instructions.filter((i) => i.keyword === "COPY");
    const modules = copies.find((i) => /node_modules/.test(i.args));
    const fromName = /--from=(\S+)/.exec(modules?.args ?? "")?.[1];
    expect(fromName, "node_modules is copied from another stage").toBeDefined();
    const installs = runsOf(stageNamed(fromName as string)).filter((run) => /npm ci/.test(run));
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) expect(install).toMatch(/--omit=dev/);
    expect(
      runtime.instructions.some((i) => i.keyword === "RUN" && /npm (ci|install)/.test(i.args)),
    ).toBe(false);

    const dist = copies.find((i) => /\/dist\b/.test(i.args));
    const distFrom = /--from=(\S+)/.exec(dist?.args ?? "")?.[1] as string;
    expect(runsOf(stageNamed(distFrom)).some((run) => /npm run build/.test(run))).toBe(true);
  });

  it("copies into the build only files that exist and that .dockerignore lets through", () => {
    const sources = stages
      .flatMap((stage) => stage.instructions)
      .filter((i) => i.keyword === "COPY" && !/--from=/.test(i.args))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources).toEqual(expect.arrayContaining(["package-lock.json", "src"]));
    for (const source of sources) {
      expect(existsSync(join(PROJECT_ROOT, source)), `${source} exists`).toBe(true);
      expect(ignored(source), `${source} is not in .dockerignore`).toBe(false);
    }
  });

  it("keeps local state, tests and secrets out of the build context", () => {
    for (const path of ["node_modules", "dist", ".git", "test", "bench", ".env"]) {
      expect(ignored(path), `${path} is in .dockerignore`).toBe(true);
    }
  });

  it("starts the file the build emits for src/cli/main.ts, with `serve` by default", () => {
    const tsconfig = (name: string) =>
      JSON.parse(readFileSync(join(PROJECT_ROOT, name), "utf8")) as {
        extends?: string;
        compilerOptions?: { rootDir?: string; outDir?: string };
      };
    const build = tsconfig("tsconfig.build.json");
    const base = build.extends ? tsconfig(build.extends) : {};
    const options = { ...base.compilerOptions, ...build.compilerOptions };
    const emitted = posix.join(
      options.outDir ?? ".",
      posix.relative(options.rootDir ?? ".", "src/cli/main.ts").replace(/\.ts$/, ".js"),
    );
    expect(execForm(only(runtime, "ENTRYPOINT").args)).toEqual(["node", emitted]);
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
