/** The event of a Gitea Actions job: the file at GITHUB_EVENT_PATH, read and checked. */
import { readFile } from "node:fs/promises";
import { HANDLED_EVENTS } from "../server/app.js";

export type ReadEventResult =
  | { ok: true; payload: Record<string, unknown> }
  | { ok: false; error: string };

/**
 * Runs that are a full sync of GITHUB_REPOSITORY's default branch head (SPEC §7). Their payload
 * is not read: Gitea hands a scheduled run the payload stored when the schedule was registered
 * (an old push's), not one about this run.
 */
export const FULL_SYNC_EVENTS: readonly string[] = ["schedule", "workflow_dispatch"];

/** The events the server routes, and the full syncs; any other is a workflow that triggers on the wrong thing. */
export const ACTION_EVENTS: readonly string[] = [...HANDLED_EVENTS, ...FULL_SYNC_EVENTS];

export function unknownEventError(name: string): string | null {
  if (ACTION_EVENTS.includes(name)) return null;
  return `GITHUB_EVENT_NAME is ${JSON.stringify(name)}, an event deferbot does not handle (it handles ${ACTION_EVENTS.join(", ")}): trigger the workflow on those only`;
}

export async function readEventFile(path: string): Promise<ReadEventResult> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { ok: false, error: `cannot read the event file GITHUB_EVENT_PATH=${path} (${code})` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: `the event file GITHUB_EVENT_PATH=${path} is not JSON (${(error as Error).message})`,
    };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    return { ok: false, error: `the event file GITHUB_EVENT_PATH=${path} is not a JSON object` };
  return { ok: true, payload: parsed as Record<string, unknown> };
}

/**
 * Gitea's Actions notifier (services/actions/notifier.go) builds the payloads from the same
 * structs as the webhook notifier, with two fields left out that the routing relies on:
 *
 * - `push`: `total_commits` is never set (0), while `commits` is still cut to the 5 newest
 *   (`[ui] FEED_MAX_COMMIT_NUM`). Whether the list was cut cannot be told, so it is marked as
 *   possibly cut, which makes a push to the default branch sync. The workflow's `paths` filter,
 *   which Gitea evaluates over the whole push, already decided that the document or the
 *   configuration changed.
 * - `issues` edited: `changes` is never set, for a body edit as for a title edit. An empty
 *   `changes.body.from` is supplied; the review flow re-reads the issue and acts only when every
 *   step is ticked and it has not commented yet, so a title edit costs one read.
 *
 * A payload that already has these fields (a webhook delivery saved to a file) is kept as is.
 */
export function normaliseActionsPayload(
  name: string,
  payload: Record<string, unknown>,
): { payload: Record<string, unknown>; adjusted: string[] } {
  if (name === "push") {
    const commits = Array.isArray(payload.commits) ? payload.commits : [];
    const total = payload.total_commits;
    if (commits.length > 0 && (typeof total !== "number" || total < commits.length)) {
      return {
        payload: { ...payload, total_commits: commits.length + 1 },
        adjusted: ["total_commits (absent from Gitea Actions push payloads)"],
      };
    }
  }
  if (name === "issues" && payload.action === "edited" && !isObject(payload.changes)) {
    return {
      payload: { ...payload, changes: { body: { from: "" } } },
      adjusted: ["changes.body (absent from Gitea Actions issues payloads)"],
    };
  }
  return { payload, adjusted: [] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
