/** Access to the operations files (compose.yaml, the setup script, the operator guide) for tests. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../support/shared.js";

export const SETUP_SCRIPT = join(PROJECT_ROOT, "scripts/gitea-setup.sh");
export const GUIDE_PATH = "docs/operator-guide.md";

export interface ComposeService {
  image?: string;
  build?: string | { context?: string };
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | { target?: number; published?: number | string })[];
  volumes?: (string | { target?: string })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

export function readCompose(): ComposeFile {
  return parse(readFileSync(join(PROJECT_ROOT, "compose.yaml"), "utf8")) as ComposeFile;
}

/** A service's environment as a map, whichever of the two compose forms it uses. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf("=");
        return at === -1 ? [entry, ""] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value ?? "")]));
}

/** `[published, target]` port pairs of a service's short-form or long-form port mappings. */
export function portsOf(service: ComposeService): [number, number][] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === "string") {
      const parts = port.split(":").map(Number);
      return [parts.at(-2) ?? Number.NaN, parts.at(-1) ?? Number.NaN];
    }
    return [Number(port.published), Number(port.target)];
  });
}

/** The default of `NAME="${NAME:-default}"` in the setup script. */
export function scriptDefault(name: string): string {
  const script = readFileSync(SETUP_SCRIPT, "utf8");
  const match = new RegExp(`^${name}="\\$\\{${name}:-([^}]*)\\}"$`, "m").exec(script);
  if (!match) throw new Error(`scripts/gitea-setup.sh has no default for ${name}`);
  return match[1] ?? "";
}

export function readGuide(): string {
  return readFileSync(join(PROJECT_ROOT, GUIDE_PATH), "utf8");
}

/**
 * The rows of the first Markdown table under the heading `heading`, as arrays of cells.
 * The header row and the separator row are dropped.
 */
export function tableUnder(markdown: string, heading: string): string[][] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => /^#+ /.test(line) && line.includes(heading));
  if (start === -1) throw new Error(`no heading containing ${heading}`);
  const rows: string[][] = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (/^#+ /.test(line)) break;
    if (line.startsWith("|")) {
      inTable = true;
      rows.push(
        line
          .replace(/^\|/, "")
          .replace(/\|$/, "")
          .split(/(?<!\\)\|/)
          .map((cell) => cell.trim()),
      );
    } else if (inTable) break;
  }
  return rows.slice(2);
}

/** The first `code span` of a Markdown table cell, or null. */
export function firstCode(cell: string): string | null {
  return /`([^`]*)`/.exec(cell)?.[1] ?? null;
}
