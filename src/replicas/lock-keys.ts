/**
 * Redis key names, all under `deferbot:`. A repository's name always holds a `/`
 * (`owner/name`), so the reconcile's name, without one, can never be a repository's.
 */
export const RECONCILE_LOCK_NAME = "reconcile";

export function lockKey(name: string): string {
  return `deferbot:lock:${name}`;
}

export function pendingKey(name: string): string {
  return `deferbot:pending:${name}`;
}
