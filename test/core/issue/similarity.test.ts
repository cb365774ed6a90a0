/** The similarity behind §3.3's thresholds, on the texts the merge tests use. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ANY_POSITION_SIMILARITY,
  SAME_POSITION_SIMILARITY,
} from "../../../src/core/issue/merge-steps.js";
import {
  bigramSimilarity,
  editSimilarity,
  prepareText,
  similarityAtLeast,
  textSimilarity,
} from "../../../src/core/issue/similarity.js";

describe("textSimilarity", () => {
  it("folds case and whitespace", () => {
    expect(textSimilarity("Add  TTL expiry", "add ttl\texpiry")).toBe(1);
  });

  it("takes the higher of edit and bigram similarity", () => {
    const a = "Add nonce-based script loading for Next.js inline scripts";
    const b = "Add nonce-based script loading for all Next.js inline scripts";
    expect(textSimilarity(a, b)).toBe(
      Math.max(
        editSimilarity(a.toLowerCase(), b.toLowerCase()),
        bigramSimilarity(a.toLowerCase(), b.toLowerCase()),
      ),
    );
    expect(textSimilarity(a, b)).toBeGreaterThanOrEqual(ANY_POSITION_SIMILARITY);
  });

  it("places the merge tests' rewordings on the intended side of the thresholds", () => {
    const b = "Start with CSP report-only mode to capture violations without blocking";
    const sim = (x: string, y: string) => textSimilarity(x, y);
    const reworded = sim(
      b,
      "Start with CSP in report-only mode to collect violations without blocking",
    );
    expect(reworded).toBeGreaterThanOrEqual(SAME_POSITION_SIMILARITY);
    expect(sim(b, "Ship a strict policy behind a feature flag")).toBeLessThan(
      SAME_POSITION_SIMILARITY,
    );
    const c = "Add nonce-based script loading for Next.js inline scripts";
    expect(sim(c, "Load inline scripts with nonces")).toBeLessThan(ANY_POSITION_SIMILARITY);
  });

  it("is 0 against an empty text and 1 for equal texts", () => {
    expect(textSimilarity("", "x")).toBe(0);
    expect(editSimilarity("kitten", "sitting")).toBeCloseTo(1 - 3 / 7);
    expect(bigramSimilarity("night", "nacht")).toBeCloseTo(0.25);
  });

  it("answers 'at least t?' exactly as the full computation would (early exits are sound)", () => {
    const text = fc.string({ maxLength: 30, unit: fc.constantFrom("a", "b", "c", " ") });
    fc.assert(
      fc.property(text, text, fc.double({ min: 0, max: 1, noNaN: true }), (a, b, t) => {
        const x = a.trim().replace(/\s+/g, " ");
        const y = b.trim().replace(/\s+/g, " ");
        const exact =
          x === y
            ? 1
            : x === "" || y === ""
              ? 0
              : Math.max(editSimilarity(x, y), bigramSimilarity(x, y));
        const answer = similarityAtLeast(prepareText(a), prepareText(b), t);
        if (exact >= t) expect(answer).toBeCloseTo(exact);
        else expect(answer).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });
});
