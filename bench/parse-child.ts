/**
 * Parses in a fresh process, so the memory is theirs alone: `node --expose-gc parse-child.js
 * <register|remark> <file> <runs>`. Prints one JSON line (`ParseSample`).
 *
 * Method: two warm-up parses of a 100-finding register compile the code paths (a server parses
 * warm); then a full GC and the resident set size as baseline; then `runs` timed parses of the
 * file's bytes, a full GC before each, reported as their median; memory is the process's peak
 * resident set size (`process.resourceUsage().maxRSS`: the kernel keeps it, no sampling misses it).
 */
import { readFileSync } from "node:fs";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { parseRegister } from "../src/core/document/parse-register.js";
import { benchRegister } from "./register.js";
import { median } from "./stats.js";

export type ParseMode = "register" | "remark";

export interface ParseSample {
  mode: ParseMode;
  bytes: number;
  /** Findings parseRegister returned (remark: top-level nodes of the tree). */
  items: number;
  errors: number;
  /** Median of the runs. */
  ms: number;
  runsMs: number[];
  /** Resident set size after GC, before the parse (Node itself and the input). */
  baselineRssMB: number;
  /** Peak resident set size of the whole process. */
  peakRssMB: number;
}

const MB = 1024 * 1024;

function parseOnce(mode: ParseMode, bytes: Uint8Array): { items: number; errors: number } {
  if (mode === "register") {
    const result = parseRegister(bytes);
    return {
      items: result.findings.length,
      errors: result.diagnostics.filter((d) => d.severity === "error").length,
    };
  }
  const tree = unified().use(remarkParse).use(remarkGfm).parse(new TextDecoder().decode(bytes));
  return { items: tree.children.length, errors: 0 };
}

function main(): void {
  const [mode, file, runsArg = "1"] = process.argv.slice(2);
  const runs = Number(runsArg);
  if ((mode !== "register" && mode !== "remark") || !file || !(runs >= 1))
    throw new Error("usage: parse-child.js <register|remark> <file> <runs>");
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("parse-child.js needs --expose-gc");

  const warmUp = new TextEncoder().encode(benchRegister(100));
  parseOnce(mode, warmUp);
  parseOnce(mode, warmUp);
  const bytes = readFileSync(file);
  gc();
  const baselineRssMB = process.memoryUsage().rss / MB;
  const runsMs: number[] = [];
  let parsed = { items: 0, errors: 0 };
  for (let i = 0; i < runs; i++) {
    gc();
    const start = performance.now();
    parsed = parseOnce(mode, bytes);
    runsMs.push(performance.now() - start);
  }
  const { items, errors } = parsed;
  const ms = median(runsMs);
  // maxRSS is in kilobytes.
  const peakRssMB = (process.resourceUsage().maxRSS * 1024) / MB;
  const sample: ParseSample = {
    mode,
    bytes: bytes.length,
    items,
    errors,
    ms,
    runsMs,
    baselineRssMB,
    peakRssMB,
  };
  process.stdout.write(`${JSON.stringify(sample)}\n`);
}

main();
