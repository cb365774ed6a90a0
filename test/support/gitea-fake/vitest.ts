/** Vitest wiring: a fresh fake per test, and the test fails on any contract violation. */
import { afterEach, beforeEach, expect } from "vitest";
import { type GiteaFake, type GiteaFakeOptions, startGiteaFake } from "./index.js";

/** Fails the current test when the fake saw a request the Gitea contract does not allow. */
export function expectNoContractViolations(fake: GiteaFake): void {
  expect(fake.violations, "requests outside the Gitea 1.25.4 API contract").toEqual([]);
}

/**
 * Starts a fake before each test and stops it after, asserting no contract violation.
 * Use as `const gitea = useGiteaFake(); … gitea.fake.apiUrl`.
 */
export function useGiteaFake(options: GiteaFakeOptions | (() => GiteaFakeOptions) = {}): {
  readonly fake: GiteaFake;
} {
  let current: GiteaFake | undefined;
  beforeEach(async () => {
    current = await startGiteaFake(typeof options === "function" ? options() : options);
  });
  afterEach(async () => {
    const fake = current;
    current = undefined;
    if (!fake) return;
    await fake.stop();
    expectNoContractViolations(fake);
  });
  return {
    get fake(): GiteaFake {
      if (!current) throw new Error("useGiteaFake: the fake runs only inside a test");
      return current;
    },
  };
}
