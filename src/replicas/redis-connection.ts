/**
 * One connection to Redis (or Valkey) for the lock. Unreachable at start: `RedisUnavailableError`
 * (exit 3). Lost later: the client reconnects with backoff for as long as the process runs, and
 * commands fail at once meanwhile (no offline queue), so a lock holder learns it cannot confirm
 * its lock instead of waiting with a stale answer on its way.
 */
// The client module alone: the package's entry also loads the cluster and sentinel clients.
import redisClientModule from "@redis/client/dist/lib/client/index.js";
import type { LuaScript } from "./lock-scripts.js";
import { RedisUnavailableError, redisAddress } from "./redis-unavailable-error.js";

/** Node gives a CommonJS module's `module.exports` as its default import; vitest gives its `default`. */
const RedisClient: typeof redisClientModule.default =
  "default" in redisClientModule ? redisClientModule.default : redisClientModule;
const RECONNECT_FIRST_MS = 100;
const RECONNECT_MAX_MS = 3_000;

export interface RedisConnectionOptions {
  url: string;
  /** A command without an answer for this long fails (a hung server counts as unreachable). */
  commandTimeoutMs: number;
  /** Every connection or command error, for the log. */
  onError?: (error: Error) => void;
}

export class RedisConnection {
  #lastError: string | undefined;

  private constructor(
    private readonly client: Client,
    readonly address: string,
  ) {}

  static async open(options: RedisConnectionOptions): Promise<RedisConnection> {
    const address = redisAddress(options.url);
    let started = false;
    const client = newClient(options, () => started);
    const connection = new RedisConnection(client, address);
    client.on("error", (error: Error) => {
      connection.#lastError = error.message;
      options.onError?.(error);
    });
    client.on("ready", () => {
      connection.#lastError = undefined;
    });
    try {
      await client.connect();
    } catch (error) {
      throw new RedisUnavailableError(address, reasonOf(error), { cause: error });
    }
    started = true;
    return connection;
  }

  get connected(): boolean {
    return this.client.isReady;
  }

  get lastError(): string | undefined {
    return this.connected ? undefined : this.#lastError;
  }

  /** EVALSHA, and EVAL when Redis does not know the script (after a restart, say). */
  async run(script: LuaScript, keys: string[], args: string[]): Promise<unknown> {
    const rest = [String(keys.length), ...keys, ...args];
    try {
      return await this.client.sendCommand(["EVALSHA", script.sha1, ...rest]);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      return await this.client.sendCommand(["EVAL", script.source, ...rest]);
    }
  }

  async get(key: string): Promise<string | null> {
    return await this.client.sendCommand<string | null>(["GET", key]);
  }

  /** `SET key value NX PX ttl`: true when set. */
  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const reply = await this.client.sendCommand<string | null>([
      "SET",
      key,
      value,
      "NX",
      "PX",
      String(ttlMs),
    ]);
    return reply === "OK";
  }

  async close(): Promise<void> {
    if (!this.client.isOpen) return;
    try {
      await this.client.close();
    } catch {
      this.client.destroy();
    }
  }
}

type Client = ReturnType<typeof newClient>;

/**
 * The client class itself, not `createClient`: that one first attaches a method for each of
 * Redis's ~500 commands (about 60 ms of CPU at start); the lock sends its four by `sendCommand`.
 */
function newClient(options: RedisConnectionOptions, started: () => boolean) {
  return new RedisClient({
    url: options.url,
    disableOfflineQueue: true,
    commandOptions: { timeout: options.commandTimeoutMs },
    socket: {
      connectTimeout: options.commandTimeoutMs,
      // Returning the cause ends the first attempt with it; later, reconnect for ever.
      reconnectStrategy: (retries: number, cause: Error) =>
        started() ? Math.min(RECONNECT_FIRST_MS * 2 ** retries, RECONNECT_MAX_MS) : cause,
    },
  });
}

/** The innermost message: node-redis wraps the socket's error when the first attempt ends. */
function reasonOf(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  const message = current instanceof Error ? current.message : String(current);
  return message || (current instanceof Error ? current.name : "unknown error");
}
