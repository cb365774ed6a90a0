/**
 * The connection with the Redis client on a worker thread (`redis-connection-worker.ts`), for the
 * one-shot commands (`deferbot sync`, the action): loading the client (about 1.2 MB of bundle and
 * 100 ms or more of CPU), connecting and every round trip happen there, while the main thread
 * compiles the sync's code and waits for Gitea. The contract is the in-thread connection's:
 * unreachable at start is `RedisUnavailableError` with the same message, command errors and
 * timeouts reject with the same name and message. A worker that stops unasked (it crashed) is a
 * Redis gone for good: every call then rejects with `RedisUnavailableError` (exit 3).
 */
import { Worker } from "node:worker_threads";
import type { LuaScript } from "./lock-scripts.js";
import type {
  OpenRedisConnection,
  RedisConnection,
  RedisConnectionOptions,
} from "./redis-connection.js";
import {
  errorOf,
  type RedisThreadMessage,
  type RedisThreadRequest,
  type RedisThreadStart,
} from "./redis-thread-protocol.js";
import { RedisUnavailableError, redisAddress } from "./redis-unavailable-error.js";

/** Beside this module after tsc and in the bundles (a worker entry: scripts/bundle-config.mjs). */
const ENTRY = new URL("./redis-connection-worker.js", import.meta.url);

type Request = RedisThreadRequest extends infer R
  ? R extends unknown
    ? Omit<R, "id">
    : never
  : never;

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class OffThreadRedisConnection implements RedisConnection {
  #connected = true;
  #lastError: string | undefined;
  /** Set when the worker stopped unasked: every call rejects with it. */
  #stopped: RedisUnavailableError | null = null;
  #closing: Promise<void> | null = null;
  #nextId = 1;
  readonly #waiting = new Map<number, Waiting>();

  private constructor(
    private readonly worker: Worker,
    readonly address: string,
    private readonly onError: ((error: Error) => void) | undefined,
  ) {}

  /** `entry`: the worker's script (tests start one that crashes). */
  static open(
    options: RedisConnectionOptions,
    entry: URL = ENTRY,
  ): Promise<OffThreadRedisConnection> {
    const address = redisAddress(options.url);
    const start: RedisThreadStart = {
      url: options.url,
      commandTimeoutMs: options.commandTimeoutMs,
    };
    return new Promise((resolve, reject) => {
      let worker: Worker;
      try {
        worker = new Worker(entry, { workerData: start });
      } catch (error) {
        reject(stoppedError(address, error));
        return;
      }
      const connection = new OffThreadRedisConnection(worker, address, options.onError);
      let opening = true;
      const fail = (error: Error) => {
        if (!opening) return;
        opening = false;
        connection.#closing = Promise.resolve();
        // Rejected once the thread is gone, so nothing is left to keep the process alive.
        worker.terminate().then(
          () => reject(error),
          () => reject(error),
        );
      };
      worker.on("message", (message: RedisThreadMessage) => {
        if (!opening) connection.#receive(message);
        else if (message.kind === "opened") {
          opening = false;
          resolve(connection);
        } else if (message.kind === "open-failed") {
          const { unreachable } = message;
          fail(
            unreachable === null
              ? errorOf(message.error)
              : new RedisUnavailableError(address, unreachable, { cause: errorOf(message.error) }),
          );
        } else connection.#receive(message);
      });
      worker.on("error", (error) => {
        if (opening) fail(stoppedError(address, error));
        else connection.#stop(error);
      });
      worker.on("exit", (code) => {
        const cause = new Error(`it exited with code ${code}`);
        if (opening) fail(stoppedError(address, cause));
        else connection.#stop(cause);
      });
    });
  }

  get connected(): boolean {
    return this.#connected;
  }

  get lastError(): string | undefined {
    return this.#connected ? undefined : this.#lastError;
  }

  async run(script: LuaScript, keys: string[], args: string[]): Promise<unknown> {
    return await this.#call({ op: "run", script, keys, args });
  }

  async get(key: string): Promise<string | null> {
    return (await this.#call({ op: "get", key })) as string | null;
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.#call({ op: "setIfAbsent", key, value, ttlMs })) === true;
  }

  /** Closes the client in the worker (its pending answers come first), then ends the thread. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      try {
        if (this.#stopped === null) await this.#send({ op: "close" });
      } catch {
        // the thread is ended below all the same
      }
      await this.worker.terminate();
    })();
    return this.#closing;
  }

  #call(request: Request): Promise<unknown> {
    if (this.#stopped !== null) return Promise.reject(this.#stopped);
    if (this.#closing !== null) return Promise.reject(closedError());
    return this.#send(request);
  }

  #send(request: Request): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  #receive(message: RedisThreadMessage): void {
    switch (message.kind) {
      case "state":
        this.#connected = message.connected;
        this.#lastError = message.lastError;
        return;
      case "client-error":
        this.onError?.(errorOf(message.error));
        return;
      case "answer":
      case "failed": {
        const waiting = this.#waiting.get(message.id);
        this.#waiting.delete(message.id);
        if (message.kind === "answer") waiting?.resolve(message.value);
        else waiting?.reject(errorOf(message.error));
        return;
      }
      default:
        return;
    }
  }

  /** The thread ended: asked to (`close()`), or not (it crashed). */
  #stop(cause: unknown): void {
    if (this.#stopped !== null) return;
    const error = stoppedError(this.address, cause);
    const asked = this.#closing !== null;
    this.#stopped = error;
    this.#connected = false;
    if (!asked) this.#lastError = error.reason;
    for (const waiting of this.#waiting.values()) waiting.reject(asked ? closedError() : error);
    this.#waiting.clear();
    if (!asked) this.onError?.(error);
  }
}

export const offThreadRedis: OpenRedisConnection = (options) =>
  OffThreadRedisConnection.open(options);

function stoppedError(address: string, cause: unknown): RedisUnavailableError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new RedisUnavailableError(address, `the thread of its connection stopped (${message})`, {
    cause,
  });
}

/** What the client says of a command sent after `close()`. */
function closedError(): Error {
  const error = new Error("The client is closed");
  error.name = "ClientClosedError";
  return error;
}
