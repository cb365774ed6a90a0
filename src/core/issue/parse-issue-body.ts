/**
 * An issue body read back: the managed block's finding ID, steps (tick, text, marker hash) and
 * state, and every byte outside the block.
 *
 * - `ok`: exactly one start marker followed by exactly one end marker.
 * - `missing`: no block marker at all; `before` is the whole body.
 * - `broken`: anything else (start without end, end without start, two blocks…). The block is then
 *   the first region that has a start marker (see block-regions.ts for how regions are bounded);
 *   `before` is the text before the first region and `after` the text after it with any further
 *   regions cut out, so `before + new block + after` repairs the body without losing a person's
 *   text or doubling the block. A tick in any copy of a duplicated block counts.
 *
 * A whole block of another finding (a person pasted another issue's block) is a person's text:
 * kept where it is, its ticks not read. Which finding is the issue's own is `ownId` when given
 * (the planner knows it), else the first whole block's.
 */
import { type BlockRegion, findBlockRegions, linesBetween, ownRegions } from "./block-regions.js";
import { STEP_LINE_RE } from "./markers.js";
import { readStateIn } from "./state-line.js";
import type { ParsedBody, ParsedStep } from "./types.js";

export function parseIssueBody(body: string, ownId?: string): ParsedBody {
  const regions = ownRegions(findBlockRegions(body).regions, ownId);
  const first = regions[0];
  if (!first) {
    return { status: "missing", findingId: null, before: body, after: "", steps: [], state: null };
  }
  const primary = primaryRegion(regions) ?? first;
  const status = statusOf(regions);

  const steps = regionSteps(body, primary);
  for (const region of regions) {
    if (region === primary) continue;
    for (const copy of regionSteps(body, region)) {
      const step = steps.find((s) => s.hash === copy.hash);
      if (step && copy.checked) step.checked = true;
    }
  }

  const state = readStateIn(body, regions);

  let after = "";
  regions.forEach((region, index) => {
    after += body.slice(region.end, regions[index + 1]?.start ?? body.length);
  });
  return {
    status,
    findingId: primary.findingId,
    before: body.slice(0, first.start),
    after,
    steps,
    state,
  };
}

/** What `parseIssueBody(body, ownId)` tells of the block, without reading its steps or the text around it. */
export function blockSummary(
  body: string,
  ownId?: string,
): Pick<ParsedBody, "status" | "findingId" | "state"> {
  const regions = ownRegions(findBlockRegions(body).regions, ownId);
  const first = regions[0];
  if (!first) return { status: "missing", findingId: null, state: null };
  return {
    status: statusOf(regions),
    findingId: (primaryRegion(regions) ?? first).findingId,
    state: readStateIn(body, regions),
  };
}

function statusOf(regions: readonly BlockRegion[]): "ok" | "broken" {
  const first = regions[0];
  return regions.length === 1 && first?.complete && first.findingId !== null ? "ok" : "broken";
}

/** The finding ID `parseIssueBody(body).findingId` gives, without reading steps or state. */
export function blockFindingId(body: string): string | null {
  return primaryRegion(ownRegions(findBlockRegions(body).regions))?.findingId ?? null;
}

/** The block whose steps and state count: the first whole block with an ID, else the first start. */
function primaryRegion(regions: readonly BlockRegion[]): BlockRegion | undefined {
  return (
    regions.find((region) => region.findingId !== null && region.complete) ??
    regions.find((region) => region.findingId !== null)
  );
}

function regionSteps(body: string, region: BlockRegion): ParsedStep[] {
  const steps: ParsedStep[] = [];
  for (const line of linesBetween(body, region.start, region.end)) {
    const m = STEP_LINE_RE.exec(line.text);
    if (m) steps.push({ checked: m[1] !== " ", text: m[2] ?? "", hash: m[3] ?? "" });
  }
  return steps;
}
