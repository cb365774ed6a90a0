/** Fixture pairs: `name.md` parses to exactly `name.json` (its findings and diagnostics). */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseRegister } from "../../../src/core/document/parse-register.js";
import type { ParseOptions, ParseResult } from "../../../src/core/document/types.js";
import { PROJECT_ROOT } from "../../support/shared.js";

const dir = join(PROJECT_ROOT, "test/fixtures/document");
const names = readdirSync(dir)
  .filter((file) => file.endsWith(".md"))
  .map((file) => file.slice(0, -3))
  .sort();

describe("register fixtures", () => {
  it("has the fixture pairs", () => {
    expect(names.length).toBeGreaterThanOrEqual(14);
  });

  for (const name of names) {
    it(name, () => {
      const expected = JSON.parse(
        readFileSync(join(dir, `${name}.json`), "utf8"),
      ) as ParseResult & {
        options?: ParseOptions;
      };
      const { options, ...result } = expected;
      expect(parseRegister(readFileSync(join(dir, `${name}.md`)), options)).toEqual(result);
    });
  }

  it("keeps CRLF and the BOM in the fixture files (the cases would test nothing otherwise)", () => {
    expect(readFileSync(join(dir, "crlf.md"), "latin1")).toContain("\r\n");
    expect([...readFileSync(join(dir, "bom.md")).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("parses CRLF like LF, with the same lines and hashes", () => {
    const crlf = readFileSync(join(dir, "crlf.md"), "utf8");
    expect(parseRegister(crlf.replaceAll("\r\n", "\n"))).toEqual(parseRegister(crlf));
  });
});
