/**
 * Faults the fake injects the way real Gitea deployments fail, seeded so a failing run replays:
 * the same seed and the same order of requests give the same faults and the same edits.
 *
 * - before: the request is not applied and its answer is a 5xx, a hang or a dropped connection;
 * - after: the request is applied (an issue PATCHed, a comment posted…) and then its answer is
 *   lost the same three ways — the case a client must not resend blindly.
 * A hang holds the connection without an answer until the client gives up (its timeout) or the
 * fake stops. A dropped connection is the socket destroyed without a byte of answer.
 *
 * Person's edits are hooks that change the store at a chosen moment: `answered` runs right after
 * the fake answered a matching request (after the bot's GET of an issue: the edit lands between
 * that GET and the PATCH built from it); `lost` runs right after a matching request was applied
 * and its answer lost.
 */
import type { FakeStore } from "./store.js";

/** How the answer goes missing: an HTTP status (5xx), a hang past the client's timeout, or a dropped connection. */
export type FaultAnswer = number | "hang" | "drop";

export interface Fault {
  /** `before`: not applied; `after`: applied, then the answer lost. */
  timing: "before" | "after";
  answer: FaultAnswer;
}

export interface RequestMatcher {
  method?: string;
  /** Matched against the decoded path below `/api/v1` (exact string) or tested (RegExp). */
  path?: string | RegExp;
  /** Route template, e.g. `PATCH /repos/{owner}/{repo}/issues/{index}`. */
  route?: string;
}

export interface FaultRule extends RequestMatcher {
  /** Chance per matching request, 0…1. Rules are tried in order; their rates add up. */
  rate: number;
  answer: FaultAnswer;
  /** Share of these faults applied before the answer is lost (timing `after`), 0…1. Default 0.5. */
  applied?: number;
}

export interface FaultPlanOptions {
  seed: number;
  rules: FaultRule[];
}

export interface MatchedRequest {
  method: string;
  path: string;
  route: string | undefined;
}

export interface EditContext {
  store: FakeStore;
  request: MatchedRequest;
  /** Route parameters (`owner`, `repo`, `index`…). */
  params: Record<string, string>;
}

export interface PersonEdit extends RequestMatcher {
  when: "answered" | "lost";
  edit: (ctx: EditContext) => void;
  /** Chance per matching request (seeded), 0…1. Default 1. */
  rate?: number;
  /** Runs at most this many times. Default: no limit. */
  times?: number;
}

/** mulberry32: small, fast, and the same numbers for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function matches(matcher: RequestMatcher, request: MatchedRequest): boolean {
  if (matcher.method && matcher.method.toUpperCase() !== request.method) return false;
  if (matcher.route && matcher.route !== request.route) return false;
  if (typeof matcher.path === "string" && matcher.path !== request.path) return false;
  if (matcher.path instanceof RegExp && !matcher.path.test(request.path)) return false;
  return true;
}

interface ScheduledFault {
  matcher: RequestMatcher;
  fault: Fault;
  remaining: number;
}

interface ActiveEdit {
  edit: PersonEdit;
  runs: number;
}

/** The faults and edits of one fake: scheduled ones first, then the seeded rates. */
export class FaultPlan {
  #random: () => number = seededRandom(0);
  #rules: FaultRule[] = [];
  readonly #scheduled: ScheduledFault[] = [];
  readonly #edits: ActiveEdit[] = [];

  /** Replaces the seeded rules (and restarts the sequence from the seed). */
  setRates(options: FaultPlanOptions): void {
    this.#random = seededRandom(options.seed);
    this.#rules = options.rules.map((rule) => ({ ...rule }));
  }

  /** Stops the seeded faults (scheduled ones and edits stay). */
  clearRates(): void {
    this.#rules = [];
  }

  /** The next `times` matching requests get `fault`, before any seeded one. */
  schedule(matcher: RequestMatcher, fault: Fault, times = 1): void {
    this.#scheduled.push({ matcher, fault, remaining: times });
  }

  addEdit(edit: PersonEdit): void {
    this.#edits.push({ edit, runs: 0 });
  }

  clearEdits(): void {
    this.#edits.length = 0;
  }

  /** The fault for this request, or null. Draws the same numbers per request whatever matches. */
  decide(request: MatchedRequest): Fault | null {
    const pick = this.#random();
    const timing = this.#random();
    const index = this.#scheduled.findIndex(({ matcher }) => matches(matcher, request));
    const scheduled = this.#scheduled[index];
    if (scheduled) {
      scheduled.remaining -= 1;
      if (scheduled.remaining <= 0) this.#scheduled.splice(index, 1);
      return scheduled.fault;
    }
    let bound = 0;
    for (const rule of this.#rules) {
      if (!matches(rule, request)) continue;
      bound += rule.rate;
      if (pick < bound)
        return { timing: timing < (rule.applied ?? 0.5) ? "after" : "before", answer: rule.answer };
    }
    return null;
  }

  /** Runs the edits due at `when` for this request. */
  runEdits(when: PersonEdit["when"], ctx: EditContext): void {
    for (const active of this.#edits) {
      const { edit } = active;
      if (edit.when !== when || !matches(edit, ctx.request)) continue;
      if (edit.times !== undefined && active.runs >= edit.times) continue;
      if (this.#random() >= (edit.rate ?? 1)) continue;
      active.runs += 1;
      edit.edit(ctx);
    }
  }
}
