/** The Gitea adapter: every Gitea difference lives behind these exports. */
export {
  type GiteaClient,
  giteaClient,
  type OctokitLike,
  PAGE_LIMIT,
  send,
  sendAllPages,
} from "./client.js";
export { createComment, listComments, updateComment } from "./comments.js";
export { createFile, type FileWriteOptions, getFileContents, updateFile } from "./contents.js";
export {
  type CreateOctokitOptions,
  createGiteaOctokit,
  GiteaOctokit,
  type GiteaOctokitInstance,
  giteaOctokitOverrides,
} from "./create-octokit.js";
export { GiteaError, toGiteaError } from "./errors.js";
export { type GiteaUrls, normaliseGiteaUrl } from "./gitea-url.js";
export {
  createIssue,
  type GiteaIssueEdit,
  getIssue,
  listTrackedIssues,
  type NewGiteaIssue,
  updateIssue,
} from "./issues.js";
export { defaultLabelColor, LabelResolver, type LabelResolverOptions } from "./label-resolver.js";
export {
  addIssueLabels,
  createLabel,
  listRepoLabels,
  removeIssueLabel,
  replaceIssueLabels,
} from "./labels.js";
export { createPullRequest, listPullRequests, type NewPullRequest } from "./pulls.js";
export { createCommentReaction, type GiteaReaction } from "./reactions.js";
export { createGiteaGateway, type GiteaGatewayOptions } from "./repo-gateway.js";
export { getBranch, getCommit, getRepository } from "./repos.js";
export {
  DEFAULT_RETRY_DELAYS_MS,
  giteaRetry,
  isIdempotentMethod,
  isRetryableError,
} from "./retry-plugin.js";
export { createCommitStatus, type NewCommitStatus, STATUS_DESCRIPTION_MAX } from "./statuses.js";
export { getAuthenticatedUser, getCollaboratorPermission } from "./users.js";
