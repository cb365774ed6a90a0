/**
 * The issue writes of a sync, recorded as they pass, so the steps after them (the dashboard)
 * see the issues as the sync left them without listing them again (SPEC §3.4: no extra reads).
 */
import type { Forge, Issue } from "../port/forge.js";

export interface RecordedWrites {
  /** The forge to write through: every other method is the wrapped one's. */
  forge: Forge;
  /** `listed` with the writes recorded since applied: created issues added, edits applied. */
  applyTo(listed: readonly Issue[]): Issue[];
}

export function recordWrites(forge: Forge): RecordedWrites {
  const created: Issue[] = [];
  const edits = new Map<number, Partial<Pick<Issue, "title" | "body" | "state">>>();
  const recording: Forge = Object.create(forge);
  recording.createIssue = async (issue) => {
    const answer = await forge.createIssue(issue);
    created.push(answer);
    return answer;
  };
  recording.editIssue = async (number, edit) => {
    await forge.editIssue(number, edit);
    // Only what the issue shape holds as sent; the fields' edits (a milestone ID) do not.
    const { title, body, state } = edit;
    const applied = {
      ...(title === undefined ? {} : { title }),
      ...(body === undefined ? {} : { body }),
      ...(state === undefined ? {} : { state }),
    };
    edits.set(number, { ...edits.get(number), ...applied });
  };
  return {
    forge: recording,
    applyTo(listed) {
      const known = new Set(listed.map((issue) => issue.number));
      return [...listed, ...created.filter((issue) => !known.has(issue.number))].map((issue) => {
        const edit = edits.get(issue.number);
        return edit ? { ...issue, ...edit } : issue;
      });
    },
  };
}
