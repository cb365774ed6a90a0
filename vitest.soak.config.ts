import { defineConfig } from "vitest/config";

/** `npm run test:soak`: the soak of issue 12, never part of `npm test` (its files end in `.soak.ts`). */
export default defineConfig({
  test: {
    include: ["test/soak/**/*.soak.ts"],
    pool: "forks",
    reporters: ["default"],
  },
});
