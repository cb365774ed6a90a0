/** The statistics the bench reports: median, percentiles, growth per 10×. */
import { describe, expect, it } from "vitest";
import { growthPer10x, median, percentile } from "../../bench/stats.js";

describe("median", () => {
  it("takes the middle of an odd count, the mean of the middle two of an even one, unsorted input", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });
});

describe("percentile", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  it("is the nearest rank", () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([10, 20, 30], 50)).toBe(20);
    expect(percentile([10, 20, 30], 99)).toBe(30);
    expect(percentile([10, 20, 30], 0)).toBe(10);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("growthPer10x", () => {
  it("is 10 for linear, 100 for quadratic, whatever the span", () => {
    expect(growthPer10x(1, 10, 100, 1_000)).toBeCloseTo(10);
    expect(growthPer10x(1, 100, 100, 10_000)).toBeCloseTo(10);
    expect(growthPer10x(2, 200, 100, 1_000)).toBeCloseTo(100);
    expect(growthPer10x(3, 3, 100, 1_000)).toBeCloseTo(1);
  });
});
