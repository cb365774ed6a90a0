/** The exit codes of every command (SPEC §9); the operator guide's table lists them per cause. */
export const exitCodes = {
  /** Done, or nothing to do (warnings allowed). */
  ok: 0,
  /** The register or the configuration has an error; the diagnostics say where. */
  invalid: 1,
  /** Usage or settings: bad flags, an unreadable file, missing or malformed variables, a refused token, an unhandled event. */
  usage: 2,
  /** Gitea (or Redis, with REDIS_URL) failed or could not be reached: safe to retry. */
  unavailable: 3,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];
