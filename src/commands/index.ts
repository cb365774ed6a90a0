/** Comment commands (SPEC §5) and the checklist review flow (SPEC §4). */
export { handleIssueComment, MAX_COMMANDS_PER_COMMENT } from "./handle-comment.js";
export { resolveBranchName } from "./resolve-command.js";
export { handleIssueEdited } from "./review-flow.js";
