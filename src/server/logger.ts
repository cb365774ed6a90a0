/**
 * The process logger: pino (as Probot uses), one JSON object per line. Authorization headers
 * and anything named like the token or the secret are redacted wherever a request or an error
 * object carries them.
 */
import { type DestinationStream, type Logger, pino } from "pino";
import type { GiteaRequestObserver } from "../gitea/request-observer.js";
import type { LogLevel } from "../settings/read-settings.js";

export type { Logger } from "pino";

export const REDACTED_PATHS = [
  "token",
  "secret",
  "webhookSecret",
  "githubToken",
  "headers.authorization",
  "req.headers.authorization",
  "request.headers.authorization",
  "options.headers.authorization",
  "err.request.headers.authorization",
  "err.cause.request.headers.authorization",
  "err.event.signature",
  "*.headers.authorization",
  "*.token",
  "*.secret",
];

export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { name: "deferbot" },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Probot's request logging plugin writes `GitHub request: GET <full URL> - 200` at debug: a bare
 * string with the whole URL. Dropped here; `giteaRequestLog` writes each request instead.
 */
const PROBOT_REQUEST_LINE = /^GitHub request: /;

/** Octokit's log interface on a pino logger: one line per message, without Octokit's extra arguments. */
export function octokitLog(log: Logger) {
  const line = (args: unknown[]): string => {
    const text = args.find((arg) => typeof arg === "string");
    return typeof text === "string" ? text : "octokit";
  };
  return {
    debug: (...args: unknown[]) => {
      const text = line(args);
      if (!PROBOT_REQUEST_LINE.test(text)) log.debug(text);
    },
    info: (...args: unknown[]) => log.info(line(args)),
    warn: (...args: unknown[]) => log.warn(line(args)),
    error: (...args: unknown[]) => log.error(line(args)),
  };
}

/** One structured debug line per attempt of a Gitea request: its route template, never its URL. */
export function giteaRequestLog(log: Logger): GiteaRequestObserver {
  return ({ route, status, ms, attempt }) =>
    log.debug({ route, status, ms, attempt }, "gitea request");
}
