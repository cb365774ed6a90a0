/**
 * A plain Node process using the built lock, as a second `deferbot` would.
 * `node contender.mjs BUILD_DIR REDIS_URL REPO contend ROUNDS TAG`: ROUNDS requests, each run
 * under the lock (the "sync" pushes `enter TAG` and `exit TAG` onto the Redis list `events`),
 * started when a line arrives on stdin (after it printed `ready`), so both start together.
 * `node contender.mjs BUILD_DIR REDIS_URL REPO hold TTL_MS`: takes the lock, prints `held`, waits.
 */
import { once } from "node:events";
import { createClient } from "@redis/client";

const [buildDir, url, repo, mode, ...rest] = process.argv.slice(2);
const { openRepoLock } = await import(`${buildDir}/src/replicas/open-repo-lock.js`);
const { runExclusive } = await import(`${buildDir}/src/replicas/run-exclusive.js`);
const { LockLostError } = await import(`${buildDir}/src/replicas/repo-lock.js`);

if (mode === "hold") {
  const lock = await openRepoLock({ redisUrl: url, lockTtlMs: Number(rest[0]) });
  const { lease } = await lock.tryAcquire(repo, { allowCloseAll: false, onlyIfNew: false });
  process.stdout.write(lease ? "held\n" : "not held\n");
  setInterval(() => {}, 1_000);
} else {
  const [rounds, tag] = rest;
  const lock = await openRepoLock({ redisUrl: url, lockTtlMs: 5_000 });
  const recorder = createClient({ url });
  await recorder.connect();
  let syncs = 0;
  const sync = async (_request, lease) => {
    if (!(await lease.stillHeld())) throw new LockLostError(repo);
    await recorder.rPush("events", `enter ${tag}`);
    await new Promise((resolve) => setTimeout(resolve, 5 + Math.floor(Math.random() * 10)));
    await recorder.rPush("events", `exit ${tag}`);
    return ++syncs;
  };
  process.stdout.write("ready\n");
  await once(process.stdin, "data");
  let deferred = 0;
  for (let round = 0; round < Number(rounds); round++) {
    const outcome = await runExclusive(
      lock,
      repo,
      { allowCloseAll: false, onlyIfNew: false },
      sync,
    );
    if (!outcome.ran) deferred++;
    await new Promise((resolve) => setImmediate(resolve));
  }
  process.stdout.write(`${JSON.stringify({ tag, syncs, deferred })}\n`);
  await recorder.close();
  await lock.close();
}
