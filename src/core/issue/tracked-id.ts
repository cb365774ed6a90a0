/**
 * Which finding a bot-authored issue tracks (SPEC §3.1): its block's marker; when a person pasted
 * another issue's block in too, the one whose ID the title names; with no marker at all, a title
 * that starts with `ID:` (the block was deleted).
 */
import { findBlockRegions } from "./block-regions.js";
import { findingIdFromTitle } from "./find-id-from-title.js";
import { blockFindingId } from "./parse-issue-body.js";

export function trackedFindingId(body: string, title: string, idPattern: string): string | null {
  const ids = new Set(
    findBlockRegions(body)
      .regions.filter((region) => region.complete)
      .map((region) => region.findingId),
  );
  const blockId = blockFindingId(body);
  // The title is read only where the block leaves the answer open (most issues: it does not).
  if (ids.size <= 1 && blockId !== null) return blockId;
  const fromTitle = findingIdFromTitle(title, idPattern);
  if (ids.size > 1 && fromTitle !== null && ids.has(fromTitle)) return fromTitle;
  return blockId ?? fromTitle;
}
