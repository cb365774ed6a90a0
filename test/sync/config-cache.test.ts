/** The configuration cache: a failed read is forgotten, and only that read. */
import { expect, it } from "vitest";
import type { Forge, RepoInfo } from "../../src/port/forge.js";
import { ConfigCache } from "../../src/sync/load-repo-config.js";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const INFO: RepoInfo = { owner: "acme", name: "widgets", htmlUrl: "", defaultBranch: "main" };

it("a read that fails after an invalidate does not drop the read started since", async () => {
  const reads: ReturnType<typeof deferred<RepoInfo>>[] = [];
  const forge = {
    repo: () => {
      const read = deferred<RepoInfo>();
      reads.push(read);
      return read.promise;
    },
    readFirstFile: async () => null,
  } as unknown as Forge;
  const cache = new ConfigCache(forge);

  const first = cache.get("a");
  cache.invalidate();
  const second = cache.get("b");
  reads[0]?.reject(new Error("Gitea was down"));
  await expect(first).rejects.toThrow("Gitea was down");
  reads[1]?.resolve(INFO);
  await second;

  expect(cache.get("c")).toBe(second);
  expect(reads).toHaveLength(2);
});
