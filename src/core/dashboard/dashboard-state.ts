/**
 * The dashboard's memory, one hidden line in its block: how the bot closed it, if it did. Standard
 * base64 of compact JSON, like the tracking issue's state line, so it never contains `--`.
 */
import * as z from "../../zod.js";
import { DASHBOARD_STATE_RE } from "./markers.js";

export const DASHBOARD_STATE_VERSION = 1;

export interface DashboardState {
  v: number;
  /** `disabled`: closed because `dashboard: false`; `twin`: another dashboard was kept. */
  closed: { reason: "disabled" | "twin"; twinOf?: number } | null;
}

const schema = z.object({
  v: z.int(),
  closed: z.nullable(
    z.object({ reason: z.enum(["disabled", "twin"]), twinOf: z.optional(z.int()) }),
  ),
});

export function renderDashboardState(state: DashboardState): string {
  const closed = state.closed && {
    reason: state.closed.reason,
    ...(state.closed.twinOf === undefined ? {} : { twinOf: state.closed.twinOf }),
  };
  const json = JSON.stringify({ v: state.v, closed });
  return `<!-- deferbot:dashboard-state ${Buffer.from(json, "utf8").toString("base64")} -->`;
}

/** The state in a text (a body or a block), or null when there is none this version reads. */
export function readDashboardState(text: string): DashboardState | null {
  const m = DASHBOARD_STATE_RE.exec(text);
  if (!m) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(m[1] ?? "", "base64").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
