/** The routes the fake serves (below `/api/v1`), matched like Gitea's router. */
import * as assignees from "./handlers/assignees.js";
import * as comments from "./handlers/comments.js";
import * as contents from "./handlers/contents.js";
import * as dependencies from "./handlers/dependencies.js";
import * as issues from "./handlers/issues.js";
import * as labels from "./handlers/labels.js";
import * as milestones from "./handlers/milestones.js";
import * as pins from "./handlers/pins.js";
import * as pulls from "./handlers/pulls.js";
import * as repos from "./handlers/repos.js";
import * as statuses from "./handlers/statuses.js";
import * as users from "./handlers/users.js";
import type { Handler } from "./http.js";

interface Route {
  method: string;
  /** Swagger-style template; `{filepath}` matches the rest of the path, slashes included. */
  template: string;
  handler: Handler;
}

const R = "/repos/{owner}/{repo}";

/** Literal segments before parameters where both could match (`issues/comments` vs `issues/{index}`). */
const ROUTES: Route[] = [
  { method: "GET", template: "/user", handler: users.getAuthenticatedUser },
  { method: "GET", template: "/repos/search", handler: repos.searchRepositories },
  { method: "GET", template: R, handler: repos.getRepository },
  { method: "GET", template: `${R}/branches/{branch}`, handler: repos.getBranch },
  { method: "GET", template: `${R}/git/commits/{sha}`, handler: repos.getCommit },
  {
    method: "GET",
    template: `${R}/collaborators/{collaborator}/permission`,
    handler: users.getCollaboratorPermission,
  },
  { method: "GET", template: `${R}/contents`, handler: contents.getContents },
  { method: "GET", template: `${R}/contents/{filepath}`, handler: contents.getContents },
  { method: "POST", template: `${R}/contents/{filepath}`, handler: contents.createFile },
  { method: "PUT", template: `${R}/contents/{filepath}`, handler: contents.updateFile },
  { method: "GET", template: `${R}/raw/{filepath}`, handler: contents.getRawFile },
  { method: "GET", template: `${R}/labels`, handler: labels.listLabels },
  { method: "POST", template: `${R}/labels`, handler: labels.createLabel },
  { method: "GET", template: `${R}/assignees`, handler: assignees.listAssignees },
  { method: "GET", template: `${R}/milestones`, handler: milestones.listMilestones },
  { method: "GET", template: `${R}/new_pin_allowed`, handler: pins.newPinAllowed },
  { method: "GET", template: `${R}/issues/pinned`, handler: pins.listPinned },
  { method: "GET", template: `${R}/issues`, handler: issues.listIssues },
  { method: "POST", template: `${R}/issues`, handler: issues.createIssue },
  { method: "GET", template: `${R}/issues/comments/{id}`, handler: comments.getComment },
  { method: "PATCH", template: `${R}/issues/comments/{id}`, handler: comments.editComment },
  {
    method: "POST",
    template: `${R}/issues/comments/{id}/reactions`,
    handler: comments.createCommentReaction,
  },
  { method: "GET", template: `${R}/issues/{index}`, handler: issues.getIssue },
  { method: "PATCH", template: `${R}/issues/{index}`, handler: issues.editIssue },
  { method: "GET", template: `${R}/issues/{index}/labels`, handler: labels.listIssueLabels },
  { method: "POST", template: `${R}/issues/{index}/labels`, handler: labels.addIssueLabels },
  { method: "PUT", template: `${R}/issues/{index}/labels`, handler: labels.replaceIssueLabels },
  { method: "DELETE", template: `${R}/issues/{index}/labels`, handler: labels.clearIssueLabels },
  {
    method: "DELETE",
    template: `${R}/issues/{index}/labels/{id}`,
    handler: labels.removeIssueLabel,
  },
  { method: "POST", template: `${R}/issues/{index}/pin`, handler: pins.pinIssue },
  { method: "DELETE", template: `${R}/issues/{index}/pin`, handler: pins.unpinIssue },
  {
    method: "GET",
    template: `${R}/issues/{index}/dependencies`,
    handler: dependencies.listDependencies,
  },
  {
    method: "POST",
    template: `${R}/issues/{index}/dependencies`,
    handler: dependencies.createDependency,
  },
  {
    method: "DELETE",
    template: `${R}/issues/{index}/dependencies`,
    handler: dependencies.removeDependency,
  },
  { method: "GET", template: `${R}/issues/{index}/comments`, handler: comments.listComments },
  { method: "POST", template: `${R}/issues/{index}/comments`, handler: comments.createComment },
  {
    method: "POST",
    template: `${R}/issues/{index}/reactions`,
    handler: comments.createIssueReaction,
  },
  { method: "POST", template: `${R}/statuses/{sha}`, handler: statuses.createStatus },
  { method: "GET", template: `${R}/statuses/{sha}`, handler: statuses.listStatuses },
  { method: "GET", template: `${R}/commits/{ref}/statuses`, handler: statuses.listStatuses },
  { method: "GET", template: `${R}/pulls`, handler: pulls.listPulls },
  { method: "POST", template: `${R}/pulls`, handler: pulls.createPull },
  { method: "GET", template: `${R}/pulls/{index}`, handler: pulls.getPull },
];

/** Matches raw (still percent-encoded) segments; parameters come back decoded. */
export function matchTemplate(
  template: string,
  rawSegments: string[],
): Record<string, string> | null {
  const parts = template.split("/").filter(Boolean);
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? "";
    const segment = rawSegments[i];
    if (part === "{filepath}" && i === parts.length - 1) {
      if (segment === undefined) return null;
      params.filepath = rawSegments.slice(i).map(decodeURIComponent).join("/");
      return params;
    }
    if (segment === undefined) return null;
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name) params[name] = decodeURIComponent(segment);
    else if (part !== segment) return null;
  }
  return rawSegments.length === parts.length ? params : null;
}

export type RouteMatch =
  | { kind: "found"; route: string; handler: Handler; params: Record<string, string> }
  | { kind: "no-method" }
  | { kind: "not-found" };

export function route(method: string, apiPath: string): RouteMatch {
  const segments = apiPath.split("/").filter(Boolean);
  let pathMatched = false;
  for (const candidate of ROUTES) {
    const params = matchTemplate(candidate.template, segments);
    if (!params) continue;
    pathMatched = true;
    if (candidate.method === method) {
      return {
        kind: "found",
        route: `${candidate.method} ${candidate.template}`,
        handler: candidate.handler,
        params,
      };
    }
  }
  return pathMatched ? { kind: "no-method" } : { kind: "not-found" };
}
