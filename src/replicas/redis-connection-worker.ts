/**
 * The worker thread of `OffThreadRedisConnection`: it loads the Redis client and connects here,
 * off the main thread, then answers the main thread's requests by id and pushes every change of
 * the connection's state. It never ends by itself: the main thread terminates it.
 */
import { parentPort, workerData } from "node:worker_threads";
import { InThreadRedisConnection } from "./in-thread-redis-connection.js";
import type { RedisConnection } from "./redis-connection.js";
import {
  type RedisThreadMessage,
  type RedisThreadRequest,
  type RedisThreadStart,
  threadError,
} from "./redis-thread-protocol.js";
import { RedisUnavailableError } from "./redis-unavailable-error.js";

const port = parentPort;
if (port === null) throw new Error("redis-connection-worker.js runs on a worker thread");
const post = (message: RedisThreadMessage) => port.postMessage(message);

async function perform(connection: RedisConnection, request: RedisThreadRequest) {
  switch (request.op) {
    case "run":
      return await connection.run(request.script, request.keys, request.args);
    case "get":
      return await connection.get(request.key);
    case "setIfAbsent":
      return await connection.setIfAbsent(request.key, request.value, request.ttlMs);
    case "close":
      return await connection.close();
  }
}

async function serve(start: RedisThreadStart): Promise<void> {
  let connection: InThreadRedisConnection | undefined;
  const state = () => {
    if (connection === undefined) return;
    post({ kind: "state", connected: connection.connected, lastError: connection.lastError });
  };
  try {
    connection = await InThreadRedisConnection.open({
      ...start,
      onError: (error) => post({ kind: "client-error", error: threadError(error) }),
      onStateChange: state,
    });
  } catch (error) {
    const unreachable = error instanceof RedisUnavailableError ? error.reason : null;
    post({ kind: "open-failed", unreachable, error: threadError(error) });
    return;
  }
  const opened = connection;
  port?.on("message", (request: RedisThreadRequest) => {
    perform(opened, request).then(
      (value) => post({ kind: "answer", id: request.id, value }),
      (error: unknown) => post({ kind: "failed", id: request.id, error: threadError(error) }),
    );
  });
  post({ kind: "opened" });
  state();
}

await serve(workerData as RedisThreadStart);
