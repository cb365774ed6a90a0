import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ACTION_ENV_VARS } from "../../src/action/action-env.js";
import { exitCodes } from "../../src/cli/exit-codes.js";
import { exitCodeOf } from "../../src/cli/failure.js";
import { DEFAULT_CONFIG, IGNORED_LABEL } from "../../src/core/config/repo-config.js";
import { GiteaError } from "../../src/gitea/errors.js";
import { createMetrics } from "../../src/metrics/deferbot-metrics.js";
import { METRIC_NAMES } from "../../src/metrics/metric-names.js";
import { ENV_VARS, MAX_CONCURRENCY, RESERVED_PATHS } from "../../src/settings/env-vars.js";
import { PROJECT_ROOT } from "../support/shared.js";
import { firstCode, GUIDE_PATH, readGuide, tableUnder } from "./ops-files.js";

const guide = readGuide();
const envRows = tableUnder(guide, "Environment");
const configRows = tableUnder(guide, "Repository configuration");

const exitRows = tableUnder(guide, "Exit codes");

/** Every variable of the settings table and of the Actions mode, with the commands that read it. */
const DOCUMENTED_VARS = [
  ...ENV_VARS,
  ...ACTION_ENV_VARS.map((variable) => ({ ...variable, commands: ["action"] as const })),
];

/** The code spans of a cell: `serve`, `sync` → [serve, sync]. */
function codesIn(cell: string): string[] {
  return [...cell.matchAll(/`([^`]*)`/g)].map((match) => match[1] ?? "");
}

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

  it("documents each setting with its default, or as required or optional", () => {
    for (const variable of ENV_VARS) {
      const row = documented.get(variable.name);
      expect(row, `${variable.name} has a row`).toBeDefined();
      const defaultCell = row?.[1] ?? "";
      if (variable.required !== false) expect(defaultCell, variable.name).toMatch(/required/);
      else if (variable.default === null)
        expect(defaultCell, variable.name).toMatch(/^— \((optional|off)\)$/);
      else expect(firstCode(defaultCell), variable.name).toBe(variable.default);
    }
  });

  it("says, per variable, which commands read it", () => {
    for (const variable of DOCUMENTED_VARS) {
      const cell = documented.get(variable.name)?.[2] ?? "";
      expect(codesIn(cell).sort(), `commands reading ${variable.name}`).toEqual(
        [...variable.commands].sort(),
      );
    }
  });

  it("gives DEFERBOT_CONCURRENCY's range and the paths WEBHOOK_PATH may not be", () => {
    expect(documented.get("DEFERBOT_CONCURRENCY")?.[3]).toContain(`1 to ${MAX_CONCURRENCY}`);
    const webhookPath = documented.get("WEBHOOK_PATH")?.[3] ?? "";
    for (const path of RESERVED_PATHS) expect(webhookPath).toContain(`\`${path}\``);
  });

  it("documents every environment variable the source reads", () => {
    const read = envVarsReadBySource();
    for (const variable of DOCUMENTED_VARS) read.set(variable.name, "src/settings/env-vars.ts");
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

describe(`${GUIDE_PATH}: exit codes`, () => {
  const commands = ["serve", "sync", "action", "plan", "check"];

  it("gives every command a row per code, from the one table of codes", () => {
    const known = Object.values(exitCodes).map(String);
    for (const row of exitRows) expect(known, row.join(" | ")).toContain(firstCode(row[2] ?? ""));
    for (const command of commands) {
      const codes = exitRows
        .filter((row) => codesIn(row[0] ?? "").includes(command))
        .map((row) => Number(firstCode(row[2] ?? "")));
      expect(codes, command).toContain(exitCodes.ok);
      expect(codes, command).toContain(exitCodes.usage);
      const online = command !== "plan" && command !== "check";
      expect(codes.includes(exitCodes.unavailable), `${command} can fail on Gitea`).toBe(online);
    }
  });
});

describe(`${GUIDE_PATH}: labels and command forms`, () => {
  it("names the ignore label and the command-line form of a close-all sync", () => {
    expect(guide).toContain(`\`${IGNORED_LABEL}\``);
    expect(guide).toContain("`deferbot sync --repo owner/name --allow-close-all`");
  });
});

describe(`${GUIDE_PATH}: commands`, () => {
  it("starts the same file as the container image", () => {
    const dockerfile = readFileSync(join(PROJECT_ROOT, "Dockerfile"), "utf8");
    const entry = /^ENTRYPOINT \["node", "([^"]+)"\]/m.exec(dockerfile)?.[1];
    const started = [...guide.matchAll(/\bnode ((?:dist|bundle)\/\S+\.c?js)/g)].map(
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

describe(`${GUIDE_PATH}: exit codes per cause`, () => {
  const online = ["serve", "sync", "action"];
  const codeOfRow = (command: string, words: RegExp) =>
    exitRows
      .filter((row) => codesIn(row[0] ?? "").includes(command) && words.test(row[1] ?? ""))
      .map((row) => Number(firstCode(row[2] ?? "")));

  it("says what the code does for a refused token, a wrong GITEA_URL and an unreachable Gitea", () => {
    const refused = exitCodeOf(new GiteaError(401, "GET", "/user", "token is required"));
    const notRoot = exitCodeOf(new GiteaError(404, "GET", "/user", "not found"));
    const unreachable = exitCodeOf(new GiteaError(0, "GET", "/user", "ECONNREFUSED"));
    for (const command of online) {
      expect(codeOfRow(command, /refuse/), `${command}: refused token`).toEqual([refused]);
      expect(codeOfRow(command, /not Gitea's root/), `${command}: GITEA_URL`).toEqual([notRoot]);
      expect(codeOfRow(command, /could not be reached/), `${command}: unreachable`).toEqual([
        unreachable,
      ]);
    }
  });
});

describe(`${GUIDE_PATH}: metrics`, async () => {
  const rows = tableUnder(guide, "Metrics (`/metrics`)");
  const page = await createMetrics().text();
  const types = new Map(
    [...page.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((match) => [match[1] ?? "", match[2] ?? ""]),
  );

  it("lists every metric deferbot defines, with its type, and no other", () => {
    const documented = rows.map((row) => firstCode(row[0] ?? ""));
    expect([...documented].sort()).toEqual(Object.values(METRIC_NAMES).sort());
    for (const row of rows) {
      const name = firstCode(row[0] ?? "") ?? "";
      expect(types.get(name), `type of ${name}`).toBe(row[1]);
    }
  });

  it("names only metrics the page has, in the prose and the example alerts too", () => {
    const named = new Set(
      [...guide.matchAll(/\b((?:deferbot|process|nodejs)_[a-z_]+)\b/g)].map(
        (match) => match[1] ?? "",
      ),
    );
    expect(named.size).toBeGreaterThan(Object.keys(METRIC_NAMES).length);
    for (const name of named) {
      const base = name.replace(/_(bucket|count|sum)$/, "");
      expect(types.has(base) || types.has(name), `${name} is on /metrics`).toBe(true);
    }
  });
});
