/** What a push means for deferbot (SPEC §4); pure, decided from the payload alone. */
import { CONFIG_PATHS } from "../core/config/parse-repo-config.js";
import type { PushPayload } from "./webhook-payloads.js";

/** Why a push is ignored, or null when it is on the default branch. */
export function pushIgnoredReason(payload: PushPayload): string | null {
  const { ref } = payload;
  if (ref.startsWith("refs/tags/")) return `tag push (${ref})`;
  const branch = `refs/heads/${payload.repository.default_branch}`;
  if (ref !== branch) return `not the default branch (${ref}, default ${branch})`;
  return null;
}

/** Every path a listed commit added, modified or removed. */
export function touchedPaths(payload: PushPayload): Set<string> {
  const paths = new Set<string>();
  for (const commit of payload.commits) {
    for (const list of [commit.added, commit.modified, commit.removed]) {
      for (const path of list ?? []) paths.add(path);
    }
  }
  return paths;
}

export function touchesConfig(payload: PushPayload): boolean {
  const paths = touchedPaths(payload);
  return CONFIG_PATHS.some((path) => paths.has(path));
}

/**
 * Gitea lists only the 5 newest commits (`[ui] FEED_MAX_COMMIT_NUM`); when it cut the list, an
 * unlisted commit may have touched the document.
 */
export function commitsCut(payload: PushPayload): boolean {
  return (payload.total_commits ?? payload.commits.length) > payload.commits.length;
}

/** Whether the cached repository configuration may be stale after this push. */
export function configMayHaveChanged(payload: PushPayload): boolean {
  return touchesConfig(payload) || commitsCut(payload);
}

/** Why the push needs a sync of `documentPath`, or null when it does not. */
export function syncReason(payload: PushPayload, documentPath: string): string | null {
  if (touchesConfig(payload)) return "configuration changed";
  if (touchedPaths(payload).has(documentPath)) return "document changed";
  if (commitsCut(payload)) {
    return `${payload.total_commits} commits pushed, ${payload.commits.length} listed`;
  }
  return null;
}
