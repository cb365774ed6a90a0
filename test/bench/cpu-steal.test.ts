/** The bench's steal share (bench/cpu-steal.ts): what the hypervisor took between two readings. */
import { platform } from "node:os";
import { describe, expect, it } from "vitest";
import { cpuTimes, stealPercent } from "../../bench/cpu-steal.js";

describe("stealPercent", () => {
  it("is the steal share of all CPU time between the readings", () => {
    expect(stealPercent({ steal: 10, total: 1000 }, { steal: 40, total: 1200 })).toBe(15);
  });

  it("is null without two readings or without time between them", () => {
    expect(stealPercent(null, { steal: 1, total: 2 })).toBeNull();
    expect(stealPercent({ steal: 1, total: 2 }, null)).toBeNull();
    expect(stealPercent({ steal: 1, total: 2 }, { steal: 1, total: 2 })).toBeNull();
  });
});

describe.runIf(platform() === "linux")("cpuTimes on Linux", () => {
  it("reads /proc/stat: time goes on, steal never exceeds it", async () => {
    const first = cpuTimes();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = cpuTimes();
    expect(first).not.toBeNull();
    expect(second?.total).toBeGreaterThan(first?.total ?? Number.POSITIVE_INFINITY);
    const percent = stealPercent(first, second);
    expect(percent).toBeGreaterThanOrEqual(0);
    expect(percent).toBeLessThanOrEqual(100);
  });
});
