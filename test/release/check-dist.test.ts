/**
 * The JavaScript action's committed bundle (action/) is exactly what a fresh build of src/ gives
 * (the check the TypeScript action template calls check-dist): run `npm run build:action`
 * after every change to src/ and commit action/.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../support/shared.js";
import { type Built, buildBundle, filesUnder } from "./bundles.js";

interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const actionDir = join(PROJECT_ROOT, "action");
const actionYml = parse(readFileSync(join(PROJECT_ROOT, "action.yml"), "utf8")) as ActionYml;

let fresh: Built;
beforeAll(async () => {
  fresh = await buildBundle("action");
});

describe("action/ (check-dist)", () => {
  it("holds the same files as a fresh build", () => {
    expect(filesUnder(actionDir), "run npm run build:action and commit action/").toEqual(
      filesUnder(fresh.outdir),
    );
  });

  it("is byte for byte a fresh build", () => {
    for (const file of filesUnder(fresh.outdir)) {
      const committed = readFileSync(join(actionDir, file), "utf8");
      const built = readFileSync(join(fresh.outdir, file), "utf8");
      expect(committed === built, `action/${file} differs: run npm run build:action`).toBe(true);
    }
  });

  it("holds no path of the machine it was built on", () => {
    for (const file of filesUnder(actionDir)) {
      const text = readFileSync(join(actionDir, file), "utf8");
      expect(text.includes(PROJECT_ROOT), `action/${file} names ${PROJECT_ROOT}`).toBe(false);
      expect(text).not.toMatch(/\/(home|root|tmp|work)\/[\w.-]+\/node_modules\//);
    }
  });

  it("is left alone by the linter", () => {
    const biome = JSON.parse(readFileSync(join(PROJECT_ROOT, "biome.json"), "utf8")) as {
      files: { includes: string[] };
    };
    expect(biome.files.includes).toContain("!action");
  });
});

describe("action.yml", () => {
  it("runs the committed bundle on node20 (act runs the job image's own node)", () => {
    expect(actionYml.runs).toEqual({ using: "node20", main: "action/index.js" });
    expect(filesUnder(actionDir)).toContain("index.js");
  });

  it("takes the inputs token and log-level, and declares the outputs the step writes", () => {
    expect(Object.keys(actionYml.inputs).sort()).toEqual(["log-level", "token"]);
    expect(actionYml.inputs.token?.required).toBe(false);
    expect(Object.keys(actionYml.outputs).sort()).toEqual([
      "closed",
      "created",
      "reopened",
      "status",
      "updated",
    ]);
  });
});
