/** The tracking issue: rendering, reading back, merging, and the state line's edits. */
export { allStepsTicked } from "./all-steps-ticked.js";
export { renderChangeSummary } from "./change-summary.js";
export { findingIdFromTitle } from "./find-id-from-title.js";
export { findingLabels, slugify } from "./labels.js";
export { mergeSteps } from "./merge-steps.js";
export { parseIssueBody } from "./parse-issue-body.js";
export { reconcileIssue } from "./reconcile-issue.js";
export { renderNewIssue } from "./render-issue.js";
export {
  decodeState,
  encodeState,
  readState,
  setAllTickedNotice,
  setCloseRecord,
  updateState,
} from "./state-line.js";
export { MAX_TITLE_LENGTH, renderTitle } from "./title.js";
export type * from "./types.js";
