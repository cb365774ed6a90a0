/**
 * The npm package as a user gets it: `npm pack`, then the tarball installed into an empty
 * folder, where it must pull no other package and run `--version` and `plan`. One install per
 * run (it is the slow part).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { VERSION } from "../../src/version.js";
import { PROJECT_ROOT } from "../support/shared.js";
import { tempDir } from "./bundles.js";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as {
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
};

let packed: { filename: string; files: { path: string }[] };
let app: string;
let install: { status: number | null; stderr: string };

beforeAll(() => {
  // What `prepare` runs before `npm pack` and `npm publish`.
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: PROJECT_ROOT, stdio: "pipe" });
  const out = tempDir("deferbot-pack-");
  const json = execFileSync(
    npm,
    ["pack", "--ignore-scripts", "--json", "--pack-destination", out],
    { cwd: PROJECT_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  packed = (JSON.parse(json) as (typeof packed)[])[0] as typeof packed;
  app = tempDir("deferbot-app-");
  const result = spawnSync(
    npm,
    ["install", "--offline", "--no-audit", "--no-fund", join(out, packed.filename)],
    { cwd: app, encoding: "utf8" },
  );
  install = { status: result.status, stderr: result.stderr };
}, 120_000);

const installedBin = () => join(app, "node_modules/.bin/deferbot");

describe("the npm package", () => {
  it("has no dependencies, and its bin is the bundle", () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.bin).toEqual({ deferbot: "bundle/deferbot.cjs" });
  });

  it("holds only the bundle, app.yml, the licence, the notices, README and CHANGELOG", () => {
    const paths = packed.files.map((file) => file.path).sort();
    expect(paths).toContain("bundle/deferbot.cjs");
    const others = paths.filter((path) => !/^bundle\/[\w-]+\.c?js$/.test(path));
    expect(others).toEqual([
      "CHANGELOG.md",
      "LICENSE",
      "README.md",
      "THIRD-PARTY-NOTICES.md",
      "app.yml",
      "package.json",
    ]);
  });

  it("installs into an empty folder alone: node_modules holds deferbot and nothing else", () => {
    expect(install.stderr).not.toMatch(/EBADENGINE|ERR!/);
    expect(install.status).toBe(0);
    const modules = readdirSync(join(app, "node_modules")).filter((name) => !name.startsWith("."));
    expect(modules).toEqual(["deferbot"]);
    expect(readdirSync(join(app, "node_modules/deferbot"))).not.toContain("node_modules");
  });

  it("runs --version and plan from there", () => {
    const version = spawnSync(installedBin(), ["--version"], { cwd: app, encoding: "utf8" });
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`${VERSION}\n`);

    copyFileSync(join(PROJECT_ROOT, "examples/deferred-errors.md"), join(app, "register.md"));
    const plan = spawnSync(installedBin(), ["plan", "register.md"], { cwd: app, encoding: "utf8" });
    expect(plan.stderr).toBe("");
    expect(plan.status).toBe(0);
    expect(plan.stdout).toMatch(/^register\.md: 4 findings, 0 errors, 0 warnings\n/);
  });
});
