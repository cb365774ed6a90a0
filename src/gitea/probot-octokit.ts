/**
 * Probot's Octokit class configured for Gitea, for `new Probot({ Octokit: GiteaOctokit })` in the
 * server and the Actions mode. deferbot's own requests go through `createGiteaOctokit`
 * (./create-octokit.ts), which does not load Probot.
 */
import { ProbotOctokit } from "probot";
import { giteaRequestObserver } from "./request-observer.js";
import { giteaRetry } from "./retry-plugin.js";

/**
 * Overrides applied to every instance. Must be the FUNCTION form of `defaults`: the object form is
 * shallow-merged under Probot's own `throttle` options and leaves throttling on.
 * Throttling off: Gitea has no rate limiter and no `x-ratelimit-*` headers, and the plugin's
 * pacing (1 s per write, 3 s per issue/comment POST) only slows a sync down.
 * Probot's retry off: replaced by `giteaRetry` (reads only, never 4xx; writes are re-read and merged).
 */
export function giteaOctokitOverrides<T extends object>(options: T) {
  return { ...options, throttle: { enabled: false }, retry: { enabled: false } };
}

/** The observer comes first so the retry plugin wraps it: it sees each attempt. */
export const GiteaOctokit = ProbotOctokit.plugin(giteaRequestObserver, giteaRetry).defaults(
  giteaOctokitOverrides,
);
