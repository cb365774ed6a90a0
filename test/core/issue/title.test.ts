import { expect, it } from "vitest";
import { MAX_TITLE_LENGTH, renderTitle } from "../../../src/core/issue/title.js";

it("fills the template", () => {
  expect(renderTitle({ id: "TD-07", title: "Cache keys" }, "{id}: {title}")).toBe(
    "TD-07: Cache keys",
  );
  expect(renderTitle({ id: "TD-07", title: "Cache keys" }, "[{id}] {title}")).toBe(
    "[TD-07] Cache keys",
  );
});

it("drops the dangling separator of a heading that is only an ID", () => {
  expect(renderTitle({ id: "deferred/cache-keys", title: "" }, "{id}: {title}")).toBe(
    "deferred/cache-keys",
  );
  expect(renderTitle({ id: "TD-07", title: "" }, "{id} — {title}")).toBe("TD-07");
});

it("cuts at Gitea's 255 characters with an ellipsis, counting characters not UTF-16 units", () => {
  const title = renderTitle({ id: "TD-07", title: "😀".repeat(300) }, "{id}: {title}");
  expect(Array.from(title)).toHaveLength(MAX_TITLE_LENGTH);
  expect(title.endsWith("…")).toBe(true);
});

it("folds newlines and runs of spaces", () => {
  expect(renderTitle({ id: "A-1", title: "two\n  lines" }, "{id}: {title}")).toBe("A-1: two lines");
});

it("takes `$` in a title literally", () => {
  expect(renderTitle({ id: "AB-1", title: "Costs $$ and $& and $'" }, "{id}: {title}")).toBe(
    "AB-1: Costs $$ and $& and $'",
  );
});
