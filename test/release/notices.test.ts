/**
 * THIRD-PARTY-NOTICES.md lists every package esbuild inlines into either bundle, with the
 * version and licence package-lock.json gives, and is current (`npm run notices` writes it).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Metafile } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import {
  bundledPackageDirs,
  metafiles,
  NOTICES,
  packageDir,
  renderNotices,
} from "../../scripts/notices.mjs";
import { PROJECT_ROOT } from "../support/shared.js";

interface LockEntry {
  version?: string;
  license?: string;
  name?: string;
}

const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, LockEntry>;
};
const text = readFileSync(join(PROJECT_ROOT, NOTICES), "utf8");

/** The rows of the notices' table: package, version, licence. */
const rows = text
  .split("\n")
  .filter((line) => /^\| (?!package |---)/.test(line))
  .map((line) => line.slice(2, -2).split(" | "));

let dirs: string[];
beforeAll(async () => {
  dirs = bundledPackageDirs((await metafiles(PROJECT_ROOT)) as Metafile[]);
});

describe(NOTICES, () => {
  it("names each bundled package with its version and licence from package-lock.json", () => {
    expect(dirs.length).toBeGreaterThan(20);
    for (const dir of dirs) {
      const entry = lock.packages[dir];
      expect(entry, `${dir} is in package-lock.json`).toBeDefined();
      const name = entry?.name ?? dir.slice(dir.lastIndexOf("node_modules/") + 13);
      const row = rows.find(([pkg, version]) => pkg === name && version === entry?.version);
      expect(row, `${name}@${entry?.version} is listed`).toBeDefined();
      expect(row?.[2], `${name}'s licence`).toBe(entry?.license);
    }
  });

  it("lists nothing that is not bundled", () => {
    expect(rows).toHaveLength(dirs.length);
  });

  it("includes probot, remark-parse, zod and commander", () => {
    const names = rows.map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(["probot", "remark-parse", "zod", "commander"]));
  });

  it("is what `npm run notices` writes now", () => {
    expect(text === renderNotices(PROJECT_ROOT, dirs), "run npm run notices").toBe(true);
  });
});

describe("packageDir", () => {
  it("is the innermost package folder of an input", () => {
    expect(packageDir("node_modules/probot/lib/index.js")).toBe("node_modules/probot");
    expect(packageDir("node_modules/@octokit/core/dist-src/index.js")).toBe(
      "node_modules/@octokit/core",
    );
    expect(packageDir("node_modules/a/node_modules/@s/b/x.js")).toBe(
      "node_modules/a/node_modules/@s/b",
    );
    expect(packageDir("src/cli/main.ts")).toBeNull();
  });
});
