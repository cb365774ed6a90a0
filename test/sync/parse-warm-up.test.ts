/**
 * The inline parser's warm-up (`ParseCache.prepare`): one-finding registers parsed while the real
 * one is on its way, one per turn of the event loop, stopped once the register's parse is asked
 * for, and never a change to what that parse returns.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/core/config/repo-config.js";
import { parsePlainFirst } from "../../src/core/document/parse-plain-first.js";
import { parseRegisterWith } from "../../src/core/document/register-parser.js";
import { plainTreesOnly } from "../../src/core/document/section-tree.js";
import { warmUpRegister } from "../../src/core/document/warm-up-register.js";
import { nextTurn } from "../../src/sync/next-turn.js";
import { ParseCache, WARM_UP_PARSES } from "../../src/sync/parse-cache.js";
import { generatedRegister } from "../support/register.js";
import { PROJECT_ROOT } from "../support/shared.js";

/** Turns of the event loop until `done()` or `max` turns. */
async function turnsUntil(done: () => boolean, max = 500): Promise<void> {
  for (let i = 0; i < max && !done(); i++) await nextTurn();
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe("ParseCache.prepare's warm-up", () => {
  it("parses warm-up registers until the register's parse is asked for, then no more", async () => {
    const cache = new ParseCache();
    cache.prepare();
    await turnsUntil(() => cache.warmUps >= 2);
    expect(cache.warmUps).toBeGreaterThanOrEqual(2);

    const parsing = cache.parse(bytes(generatedRegister(3)), "sha-1", DEFAULT_CONFIG);
    const atParse = cache.warmUps;
    const result = await parsing;
    for (let i = 0; i < 20; i++) await nextTurn();

    expect(result.findings.map((finding) => finding.id)).toEqual(["TD-001", "TD-002", "TD-003"]);
    expect(cache.warmUps).toBe(atParse);
    expect(atParse).toBeLessThan(WARM_UP_PARSES);
  });

  it(`stops after ${WARM_UP_PARSES} when no parse is asked for, and runs once per cache`, async () => {
    const cache = new ParseCache();
    cache.prepare();
    await turnsUntil(() => cache.warmUps >= WARM_UP_PARSES);
    cache.prepare();
    for (let i = 0; i < 50; i++) await nextTurn();
    expect(cache.warmUps).toBe(WARM_UP_PARSES);
  });

  it("leaves a parser the caller gave (the server's worker) alone", async () => {
    let calls = 0;
    const cache = new ParseCache(async (input, config) => {
      calls++;
      return parsePlainFirst(input, config);
    });
    cache.prepare();
    for (let i = 0; i < 50; i++) await nextTurn();
    expect(cache.warmUps).toBe(0);
    expect(calls).toBe(0);
  });

  it("changes no result: a register parsed after the warm-up is parsed as without it", async () => {
    const example = readFileSync(join(PROJECT_ROOT, "examples/deferred-errors.md"));
    const expected = [
      await parsePlainFirst(new Uint8Array(example)),
      await parsePlainFirst(bytes(generatedRegister(40))),
    ];
    const cache = new ParseCache();
    cache.prepare();
    await turnsUntil(() => cache.warmUps >= WARM_UP_PARSES);
    const { parseMs: _a, ...afterExample } = await cache.parse(
      new Uint8Array(example),
      "sha-example",
      DEFAULT_CONFIG,
    );
    const { parseMs: _b, ...afterGenerated } = await cache.parse(
      bytes(generatedRegister(40)),
      "sha-generated",
      DEFAULT_CONFIG,
    );
    expect([afterExample, afterGenerated]).toEqual(expected);
  });
});

describe("warmUpRegister", () => {
  it("is one finding in the plain shape, read without remark and without a diagnostic", () => {
    for (const n of [1, WARM_UP_PARSES]) {
      const { findings, diagnostics } = parseRegisterWith(warmUpRegister(n), {}, plainTreesOnly);
      expect(diagnostics).toEqual([]);
      expect(findings).toHaveLength(1);
      expect(findings[0]?.id).toBe(`WU-${n}`);
      expect(findings[0]?.steps).toHaveLength(3);
      expect(findings[0]?.files).toHaveLength(1);
      expect(findings[0]?.risk).not.toBeNull();
    }
  });
});
