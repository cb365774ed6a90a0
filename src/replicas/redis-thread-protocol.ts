/**
 * The messages between `OffThreadRedisConnection` (main thread) and the worker that hosts the
 * Redis client (`redis-connection-worker.ts`). Requests carry an id their answer repeats; the
 * worker also pushes the connection's state, so `connected` and `lastError` stay synchronous.
 */
import type { LuaScript } from "./lock-scripts.js";

/** `workerData`: the worker connects at once. */
export interface RedisThreadStart {
  url: string;
  commandTimeoutMs: number;
}

export type RedisThreadRequest =
  | { id: number; op: "run"; script: LuaScript; keys: string[]; args: string[] }
  | { id: number; op: "get"; key: string }
  | { id: number; op: "setIfAbsent"; key: string; value: string; ttlMs: number }
  | { id: number; op: "close" };

/** An error as it crosses the thread (a command's, or the client's own for the log). */
export interface ThreadError {
  name: string;
  message: string;
}

export type RedisThreadMessage =
  | { kind: "opened" }
  /** `unreachable`: the reason of `RedisUnavailableError`; otherwise the open threw `error`. */
  | { kind: "open-failed"; unreachable: string | null; error: ThreadError }
  | { kind: "state"; connected: boolean; lastError: string | undefined }
  | { kind: "client-error"; error: ThreadError }
  | { kind: "answer"; id: number; value: unknown }
  | { kind: "failed"; id: number; error: ThreadError };

export function threadError(error: unknown): ThreadError {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: "Error", message: String(error) };
}

/** The error again on the other side: the same name and message (what the lock and logs read). */
export function errorOf(error: ThreadError): Error {
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}
