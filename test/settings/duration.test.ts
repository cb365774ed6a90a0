import { describe, expect, it } from "vitest";
import { formatDuration, parseDuration } from "../../src/settings/duration.js";

describe("parseDuration", () => {
  it.each([
    ["250", 250],
    ["500ms", 500],
    ["30s", 30_000],
    [" 10m ", 600_000],
    ["6h", 21_600_000],
    ["0s", 0],
  ])("reads %j as %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "s", "1.5s", "-1s", "10 m", "1d", "10M", "9".repeat(30)])("rejects %j", (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe("formatDuration", () => {
  it.each([
    [30_000, "30s"],
    [600_000, "10m"],
    [21_600_000, "6h"],
    [90_000, "90s"],
    [1500, "1500ms"],
  ])("writes %d ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});
