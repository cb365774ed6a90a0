/**
 * The hidden marker that opens the preview comment (SPEC §3.2 comment markers), by which the
 * shell finds the comment again to edit it: `<!-- deferbot:comment kind=preview sha=SHA -->`.
 *
 * TODO(safety-core): replace with the one comment-marker renderer being built in src/core/issue;
 * this local copy exists only until that lands and must produce the same bytes.
 */
import { encodeMarkerId } from "../issue/markers.js";

export function previewMarker(headSha: string): string {
  return `<!-- deferbot:comment kind=preview sha=${encodeMarkerId(headSha)} -->`;
}
