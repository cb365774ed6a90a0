import { expect, it } from "vitest";
import { runLimited } from "../../src/sync/run-limited.js";

it("never runs more than the limit at once and keeps results in input order", async () => {
  let running = 0;
  let most = 0;
  const results = await runLimited([5, 1, 4, 2, 3, 0], 2, async (n) => {
    running++;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, n));
    running--;
    return n * 10;
  });
  expect(results).toEqual([50, 10, 40, 20, 30, 0]);
  expect(most).toBe(2);
});

it("handles an empty list", async () => {
  expect(await runLimited([], 4, async () => 1)).toEqual([]);
});
