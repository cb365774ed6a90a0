import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/core/config/repo-config.js";
import { PROJECT_ROOT } from "../support/shared.js";
import { firstCode, GUIDE_PATH, readGuide, tableUnder } from "./ops-files.js";

const guide = readGuide();
const envRows = tableUnder(guide, "Environment");
const configRows = tableUnder(guide, "Repository configuration");

/** The process settings every mode reads, with their defaults (null: required). */
const PROCESS_SETTINGS: Record<string, string | null> = {
  GITEA_URL: null,
  GITEA_TOKEN: null,
  WEBHOOK_SECRET: null,
  PORT: "3000",
  HOST: "0.0.0.0",
  WEBHOOK_PATH: "/api/webhook",
  LOG_LEVEL: "info",
  DEFERBOT_CONCURRENCY: "4",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/**
 * Environment variables the code reads: `process.env.X`, `process.env["X"]`, `env.X`,
 * `env["X"]`, and names given as string arguments next to an `env` object (`get(env, "X")`),
 * or as `name: "X"` entries of a list of variables.
 */
function envVarsReadBySource(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /\benv\s*(?:\.\s*|\[\s*["'`])([A-Z][A-Z0-9_]*)/g,
    /\benv\s*,\s*["'`]([A-Z][A-Z0-9_]*)["'`]/g,
    /\bname:\s*["'`]([A-Z][A-Z0-9]*_[A-Z0-9_]+|PORT|HOST)["'`]/g,
  ];
  for (const file of sourceFiles(join(PROJECT_ROOT, "src"))) {
    const text = readFileSync(file, "utf8");
    if (!/\benv\b/.test(text)) continue;
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) {
        if (match[1]) found.set(match[1], relative(PROJECT_ROOT, file));
      }
    }
  }
  return found;
}

/** Every key of the repository configuration as written in the file (`labels.bot`). */
function configKeys(value: object, prefix = ""): [string, unknown][] {
  return Object.entries(value).flatMap(([key, inner]): [string, unknown][] => {
    const path = prefix + key;
    const isMap = typeof inner === "object" && inner !== null && !Array.isArray(inner);
    return isMap && Object.keys(inner).length > 0 ? configKeys(inner, `${path}.`) : [[path, inner]];
  });
}

/** A default as the guide writes it in the first code span of its cell. */
function shownAs(value: unknown): string {
  if (Array.isArray(value)) return `[${value.join(", ")}]`;
  if (typeof value === "object" && value !== null) return "{}";
  return String(value);
}

describe(`${GUIDE_PATH}: environment`, () => {
  const documented = new Map(envRows.map((row) => [firstCode(row[0] ?? ""), row]));

  it("documents each process setting with its default, or as required", () => {
    for (const [name, fallback] of Object.entries(PROCESS_SETTINGS)) {
      const row = documented.get(name);
      expect(row, `${name} has a row`).toBeDefined();
      const defaultCell = row?.[1] ?? "";
      if (fallback === null) expect(defaultCell, name).toMatch(/required/);
      else expect(firstCode(defaultCell), name).toBe(fallback);
    }
  });

  it("documents every environment variable the source reads", () => {
    const read = envVarsReadBySource();
    for (const [name, file] of read) {
      expect(documented.has(name), `${name} (read in ${file}) is documented`).toBe(true);
    }
  });
});

describe(`${GUIDE_PATH}: .gitea/deferbot.yml`, () => {
  const documented = new Map(configRows.map((row) => [firstCode(row[0] ?? ""), row]));
  const keys = configKeys(DEFAULT_CONFIG);

  it("documents every configuration key with its default", () => {
    expect(keys.length).toBeGreaterThan(10);
    for (const [key, value] of keys) {
      const row = documented.get(key);
      expect(row, `${key} has a row`).toBeDefined();
      expect(firstCode(row?.[1] ?? ""), `default of ${key}`).toBe(shownAs(value));
    }
  });

  it("documents no key that the configuration does not have", () => {
    const known = new Set(keys.map(([key]) => key));
    for (const key of documented.keys()) expect(known.has(key ?? ""), `${key} exists`).toBe(true);
  });
});

describe(`${GUIDE_PATH}: commands`, () => {
  it("starts the same file as the container image", () => {
    const dockerfile = readFileSync(join(PROJECT_ROOT, "Dockerfile"), "utf8");
    const entry = /^ENTRYPOINT \["node", "([^"]+)"\]/m.exec(dockerfile)?.[1];
    const started = [...guide.matchAll(/\bnode ((?:dist|bundle)\/\S+\.js)/g)].map(
      (match) => match[1],
    );
    expect(started.length).toBeGreaterThan(0);
    for (const path of started) expect(path).toBe(entry);
  });
});

describe(`${GUIDE_PATH}: webhook and token`, () => {
  it("names the minimal token scopes and the webhook settings the bot needs", () => {
    for (const scope of ["write:issue", "write:repository", "read:user"]) {
      expect(guide).toContain(`\`${scope}\``);
    }
    for (const setting of ["application/json", "Push", "Issues", "Issue comment", "Pull request"]) {
      expect(guide).toContain(setting);
    }
    expect(guide).toContain("ALLOWED_HOST_LIST");
    expect(guide).toMatch(/never empty/);
  });
});
