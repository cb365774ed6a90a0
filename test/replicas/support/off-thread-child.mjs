/**
 * A process that uses the built off-thread connection and then simply returns, so it ends only
 * if no worker thread is left alive. Prints one JSON line of what it saw.
 * `node off-thread-child.mjs BUILD_DIR REDIS_URL open-fails`: the open must fail.
 * `node off-thread-child.mjs BUILD_DIR REDIS_URL close`: takes and releases a lock, closes.
 */
const [buildDir, url, mode] = process.argv.slice(2);
const { openRepoLock } = await import(`${buildDir}/src/replicas/open-repo-lock.js`);
const { offThreadRedis } = await import(`${buildDir}/src/replicas/off-thread-redis-connection.js`);

const settings = { redisUrl: url, lockTtlMs: 5_000 };
if (mode === "open-fails") {
  const error = await openRepoLock(settings, offThreadRedis).then(
    () => new Error("opened"),
    (e) => e,
  );
  process.stdout.write(`${JSON.stringify({ name: error.name, message: error.message })}\n`);
} else {
  const lock = await openRepoLock(settings, offThreadRedis);
  const { lease } = await lock.tryAcquire("o/child", { allowCloseAll: false, onlyIfNew: false });
  const held = (await lease?.stillHeld()) ?? false;
  await lease?.release();
  const open = lock.health();
  await lock.close();
  process.stdout.write(`${JSON.stringify({ held, open, closed: lock.health() })}\n`);
}
