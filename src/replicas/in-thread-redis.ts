/**
 * The Redis client on the calling thread (`deferbot serve`, which loads it at start-up, where its
 * cost does not matter), imported only when `REDIS_URL` is set.
 */
import type { OpenRedisConnection } from "./redis-connection.js";

export const inThreadRedis: OpenRedisConnection = async (options) => {
  const { InThreadRedisConnection } = await import("./in-thread-redis-connection.js");
  return await InThreadRedisConnection.open(options);
};
