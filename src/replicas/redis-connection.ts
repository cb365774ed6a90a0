/**
 * One connection to Redis (or Valkey) for the lock, as the lock and its leases use it. Two
 * implementations: `InThreadRedisConnection` (the client on the calling thread: `deferbot serve`,
 * through `inThreadRedis`) and `OffThreadRedisConnection` (the client on a worker thread, so
 * loading it costs the one-shot commands' main thread nothing: `offThreadRedis`).
 */
import type { LuaScript } from "./lock-scripts.js";

export interface RedisConnectionOptions {
  url: string;
  /** A command without an answer for this long fails (a hung server counts as unreachable). */
  commandTimeoutMs: number;
  /** Every connection or command error, for the log. */
  onError?: (error: Error) => void;
}

export interface RedisConnection {
  /** `redis://host:port`, without credentials. */
  readonly address: string;
  /** False while Redis cannot be reached (the client reconnects meanwhile). */
  readonly connected: boolean;
  /** The last connection error, while not connected. */
  readonly lastError: string | undefined;
  /** EVALSHA, and EVAL when Redis does not know the script (after a restart, say). */
  run(script: LuaScript, keys: string[], args: string[]): Promise<unknown>;
  get(key: string): Promise<string | null>;
  /** `SET key value NX PX ttl`: true when set. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Connects, or throws `RedisUnavailableError` (exit 3) when Redis cannot be reached. The caller
 * of `openRepoLock` picks one, so a command's bundle holds only the client it runs.
 */
export type OpenRedisConnection = (options: RedisConnectionOptions) => Promise<RedisConnection>;
