/**
 * The Lua scripts of the single-instance lock Redis documents ("Distributed Locks with Redis":
 * `SET key token NX PX ttl`; release and extension compare the token first), plus the pending
 * key. Each runs atomically in Redis. KEYS[1] is the lock, KEYS[2] the pending hash; ARGV[1] the
 * holder's token, ARGV[2] the TTL in ms. The pending hash holds `requests` (how many were
 * folded), `allowCloseAll` if any asked, `full` if any was not a push's `onlyIfNew`.
 */
import { createHash } from "node:crypto";

export interface LuaScript {
  source: string;
  sha1: string;
}

function lua(source: string): LuaScript {
  return { source, sha1: createHash("sha1").update(source).digest("hex") };
}

/**
 * Takes the lock (with the request a dead holder left pending, taken with it), or folds the
 * request into the pending hash. A retry with the same token after a lost answer finds the
 * lock its own. ARGV[3] allowCloseAll, ARGV[4] onlyIfNew ("1" or "0").
 * Returns {1, pending fields} when taken, {0, {}} when folded.
 */
export const ACQUIRE_OR_FOLD = lua(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return {1, {}} end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local left = redis.call('HGETALL', KEYS[2])
  redis.call('DEL', KEYS[2])
  return {1, left}
end
redis.call('HINCRBY', KEYS[2], 'requests', 1)
if ARGV[3] == '1' then redis.call('HSET', KEYS[2], 'allowCloseAll', '1') end
if ARGV[4] ~= '1' then redis.call('HSET', KEYS[2], 'full', '1') end
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return {0, {}}
`);

/** Compare-and-pexpire; the pending hash lives as long as the lock it waits behind. */
export const EXTEND = lua(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[2], ARGV[2])
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`);

/** Compare-and-delete, as in Redis's documentation. KEYS[1] only. */
export const RELEASE = lua(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);

/**
 * The holder is done: {1, fields} took the pending request and kept the lock for one more
 * sync; {0, {}} released it; {-1, {}} the lock is not this token's any more.
 */
export const TAKE_PENDING_OR_RELEASE = lua(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {-1, {}} end
local pending = redis.call('HGETALL', KEYS[2])
if #pending == 0 then
  redis.call('DEL', KEYS[1])
  return {0, {}}
end
redis.call('DEL', KEYS[2])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {1, pending}
`);
