/** One version everywhere: package.json, src/version.ts, `deferbot --version`, the changelog. */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { requestedSubcommand, SUBCOMMANDS } from "../../src/cli/subcommands.js";
import { MIN_NODE, nodeVersionProblem } from "../../src/node-version.js";
import { VERSION } from "../../src/version.js";
import { PROJECT_ROOT } from "../support/shared.js";

const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as {
  version: string;
  license: string;
  engines: { node: string };
};
const read = (name: string) => readFileSync(join(PROJECT_ROOT, name), "utf8");
const bin = inject("deferbotBin");

function deferbot(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8" });
}

describe("the version", () => {
  it("is semver, and src/version.ts says what package.json says", () => {
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    expect(VERSION).toBe(pkg.version);
  });

  it("has a section in CHANGELOG.md (Keep a Changelog), under an Unreleased one", () => {
    const changelog = read("CHANGELOG.md");
    expect(changelog).toContain("https://keepachangelog.com/en/1.1.0/");
    expect(changelog).toMatch(/^## \[Unreleased\]$/m);
    expect(changelog).toMatch(
      new RegExp(`^## \\[${VERSION.replaceAll(".", "\\.")}\\] - \\d{4}-\\d{2}-\\d{2}$`, "m"),
    );
  });

  it("is printed by `deferbot --version` and `-V`", () => {
    for (const flag of ["--version", "-V"]) {
      const run = deferbot(flag);
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(`${VERSION}\n`);
    }
  });
});

describe("LICENSE", () => {
  it("is the MIT licence package.json names", () => {
    expect(pkg.license).toBe("MIT");
    const licence = read("LICENSE");
    expect(licence).toMatch(/^MIT License\n\nCopyright \(c\) \d{4}/);
    expect(licence).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
  });
});

describe("the subcommands", () => {
  it("show in `deferbot --help` the description each command gives itself", async () => {
    const help = deferbot("--help");
    expect(help.status).toBe(0);
    for (const [name, { summary, load }] of Object.entries(SUBCOMMANDS)) {
      const command = await load();
      expect(command.name()).toBe(name);
      expect(summary, name).toBe(command.description());
      expect(help.stdout).toMatch(new RegExp(`\\n  ${name} `));
    }
  });

  it("are loaded only for the one asked for, or asked help for", () => {
    expect(requestedSubcommand(["plan", "x.md", "--json"])).toBe("plan");
    expect(requestedSubcommand(["help", "sync"])).toBe("sync");
    expect(requestedSubcommand(["serve", "--help"])).toBe("serve");
    expect(requestedSubcommand(["--version"])).toBeNull();
    expect(requestedSubcommand(["--help"])).toBeNull();
    expect(requestedSubcommand(["constructor"])).toBeNull();
    expect(requestedSubcommand(["nope"])).toBeNull();
  });
});

describe("the Node check", () => {
  it("accepts the versions package.json's engines allows", () => {
    expect(pkg.engines.node).toBe(`>=${MIN_NODE.replace(/\.0$/, "")}`);
    for (const version of ["20.19.0", "20.20.2", "22.0.0", "24.11.1", "25.1.0"])
      expect(nodeVersionProblem(version), version).toBeNull();
  });

  it("refuses older ones with one line naming the version needed", () => {
    for (const version of ["20.18.3", "18.20.0", "16.0.0"])
      expect(nodeVersionProblem(version)).toBe(
        `deferbot: Node ${version} is too old: deferbot needs Node 20.19 or later (supported: 20.19+, 22, 24)`,
      );
  });
});
