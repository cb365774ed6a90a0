/**
 * `parserStartedAhead` (src/sync/worker-parser.ts): the one-shot runs' parser, whose worker is
 * started before the register is read. The workers are the tsc build's (global setup), recorded.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_CONFIG } from "../../src/core/config/repo-config.js";
import { parseRegister } from "../../src/core/document/parse-register.js";
import { parserStartedAhead } from "../../src/sync/worker-parser.js";
import { findingSpec, renderRegister } from "../support/register.js";
import { recordingParseWorkers } from "../support/source-parse-worker.js";

const bytes = (count: number) =>
  new TextEncoder().encode(
    renderRegister(Array.from({ length: count }, (_, i) => findingSpec(i + 1))),
  );

/** The message ports keeping this process alive (a referenced worker's is one of them). */
const refedPorts = () =>
  process.getActiveResourcesInfo().filter((resource) => resource === "MessagePort").length;

afterEach(() => {
  vi.useRealTimers();
});

describe("parserStartedAhead", () => {
  it("starts its worker when made, parses on it, and holds the process only while parsing", async () => {
    const { start, started } = recordingParseWorkers();
    const before = refedPorts();
    const parse = parserStartedAhead({ timeoutMs: 60_000 }, start);
    expect(started).toHaveLength(1);
    await new Promise((resolve) => started[0]?.worker.once("online", resolve));
    expect(refedPorts()).toBe(before);

    const parsing = parse(bytes(3), DEFAULT_CONFIG);
    expect(refedPorts()).toBe(before + 1);
    expect(await parsing).toEqual(parseRegister(bytes(3), DEFAULT_CONFIG));
    expect(started).toHaveLength(1);
    expect(started[0]?.posted[0]).toBe("parse");
    await parse.close();
  });

  it("the timeout runs from the parse, not from the worker's start", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { start, started } = recordingParseWorkers();
    const parse = parserStartedAhead({ timeoutMs: 1_000 }, start);
    await new Promise((resolve) => started[0]?.worker.once("online", resolve));
    vi.advanceTimersByTime(5_000);
    expect((await parse(bytes(2), DEFAULT_CONFIG)).findings).toHaveLength(2);

    const late = parse(bytes(300), DEFAULT_CONFIG);
    vi.advanceTimersByTime(1_000);
    expect((await late).diagnostics).toEqual([
      expect.objectContaining({
        code: "too-complex",
        message: expect.stringMatching(/took longer than 1000 ms/),
      }),
    ]);
  });

  it("a later parse, or one after the worker started ahead died, gets a worker of its own", async () => {
    const { start, started } = recordingParseWorkers();
    const parse = parserStartedAhead({ timeoutMs: 60_000 }, start);
    await started[0]?.worker.terminate();
    expect((await parse(bytes(2), DEFAULT_CONFIG)).findings).toHaveLength(2);
    expect((await parse(bytes(1), DEFAULT_CONFIG)).findings).toHaveLength(1);
    expect(started.map((worker) => worker.posted[0])).toEqual([undefined, "parse", "parse"]);
    await parse.close();
    expect(started.map((worker) => worker.exited)).toEqual([true, true, true]);
  });

  it("close stops the worker still waiting for a register", async () => {
    const { start, started } = recordingParseWorkers();
    const parse = parserStartedAhead({ timeoutMs: 60_000 }, start);
    await parse.close();
    expect(started.map((worker) => [worker.posted, worker.exited])).toEqual([[[], true]]);
  });

  it("a worker that cannot start is the internal-error, not a crash", async () => {
    const parse = parserStartedAhead({ timeoutMs: 60_000 }, () => {
      throw new Error("no threads left");
    });
    expect((await parse(bytes(1), DEFAULT_CONFIG)).diagnostics).toEqual([
      expect.objectContaining({
        code: "internal-error",
        message: expect.stringMatching(/could not start its document parser \(no threads left\)/),
      }),
    ]);
    await parse.close();
  });
});
