import { expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../../src/core/config/repo-config.js";
import { findingLabels, slugify } from "../../../src/core/issue/labels.js";

const risk = (level: string | null) => ({ level, word: level ?? "Whatever", rationale: "" });

it("gives the bot label, then the scoped risk and category labels", () => {
  expect(
    findingLabels({ risk: risk("medium"), category: "Architectural" }, DEFAULT_CONFIG),
  ).toEqual(["deferred-error", "risk/medium", "category/architectural"]);
});

it("leaves out an unknown risk level, a missing category, and what the config turns off", () => {
  expect(findingLabels({ risk: risk(null), category: null }, DEFAULT_CONFIG)).toEqual([
    "deferred-error",
  ]);
  const off = { labels: { bot: "debt", risk: false, category: false } };
  expect(findingLabels({ risk: risk("high"), category: "Security" }, off)).toEqual(["debt"]);
});

it("slugs categories: lower case, spaces and slashes to one dash, emphasis dropped", () => {
  expect(slugify("  **Data  Model** ")).toBe("data-model");
  // A `/` would move the exclusive label's scope (Gitea splits at the last one).
  expect(slugify("Security / Auth")).toBe("security-auth");
  expect(slugify("`CI`")).toBe("ci");
});

it("slugs markup out of categories: no HTML, no marker fragments, only a clean category/<slug>", () => {
  expect(slugify("<b>sec</b>")).toBe("sec");
  expect(slugify("<b>sec")).toBe("sec");
  expect(slugify("sec <!-- deferbot:end -->")).toBe("sec-deferbot-end");
  expect(slugify("a --> b")).toBe("a-b");
  expect(slugify("C++ & Rust")).toBe("c++-rust");
  expect(slugify("-->")).toBe("");
  for (const category of ["<b>sec", "x<!--y", "a-->b", "[link](http://x)", "<script>s"]) {
    const labels = findingLabels({ risk: risk(null), category }, DEFAULT_CONFIG);
    for (const label of labels.slice(1)) expect(label).toMatch(/^category\/[\p{L}\p{N}.+-]+$/u);
  }
});
