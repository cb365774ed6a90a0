/**
 * The share of the machine's CPU time the hypervisor took for other guests ("steal", the eighth
 * figure of /proc/stat's `cpu` line) between two readings. On a shared virtual machine it rises
 * and falls by the minute, and every timed figure beside a network floor reads worse while it is
 * high: the bench reports it per step so a reader can tell a slow run from a slow deferbot.
 */
import { readFileSync } from "node:fs";

export interface CpuTimes {
  steal: number;
  total: number;
}

/** The machine's CPU times so far (jiffies), or null where /proc/stat cannot be read. */
export function cpuTimes(): CpuTimes | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    if (line.split(/\s+/)[0] !== "cpu" || fields.length < 8 || fields.some(Number.isNaN))
      return null;
    return { steal: fields[7] ?? 0, total: fields.reduce((sum, value) => sum + value, 0) };
  } catch {
    return null;
  }
}

/** The steal share between two readings, in percent (null without both). */
export function stealPercent(before: CpuTimes | null, after: CpuTimes | null): number | null {
  if (before === null || after === null || after.total <= before.total) return null;
  return (100 * (after.steal - before.steal)) / (after.total - before.total);
}
