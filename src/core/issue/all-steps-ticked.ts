import type { ParsedBody } from "./types.js";

/** True when the block has at least one step and every step is ticked. */
export function allStepsTicked(parsed: ParsedBody): boolean {
  return parsed.steps.length > 0 && parsed.steps.every((step) => step.checked);
}
