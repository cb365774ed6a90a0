/**
 * One deferbot per process: the bot's login, a Gitea gateway and a config cache per repository,
 * and the sync queue. The webhook server, the commands, `deferbot sync` and the Actions mode
 * all go through it, so they share one code path.
 */
import { type GiteaClient, giteaClient, type OctokitLike } from "../gitea/client.js";
import { LabelResolver } from "../gitea/label-resolver.js";
import { createGiteaGateway } from "../gitea/repo-gateway.js";
import { ConfigCache } from "../sync/load-repo-config.js";
import type { RepoGateway } from "../sync/repo-gateway.js";
import { SyncQueue } from "../sync/sync-queue.js";
import { type SyncRequest, type SyncResult, syncRepository } from "../sync/sync-repository.js";

export interface DeferbotOptions {
  octokit: OctokitLike;
  /** The bot's own login (`GET /user`), read once at start. */
  botLogin: string;
  /** Issue writes in flight at once per sync. */
  concurrency: number;
}

export interface RepoHandle {
  fullName: string;
  client: GiteaClient;
  gateway: RepoGateway;
  configs: ConfigCache;
}

/** What `/deferbot status` tells about the last sync of a repository. */
export interface LastSync {
  sha: string;
  state: string;
  description: string;
  at: Date;
}

export class Deferbot {
  readonly botLogin: string;
  readonly concurrency: number;
  readonly queue: SyncQueue<SyncResult>;
  readonly labels = new LabelResolver();
  readonly #octokit: OctokitLike;
  readonly #repos = new Map<string, RepoHandle>();
  readonly #lastSync = new Map<string, LastSync>();

  constructor(options: DeferbotOptions) {
    this.#octokit = options.octokit;
    this.botLogin = options.botLogin;
    this.concurrency = options.concurrency;
    this.queue = new SyncQueue((fullName, request) => this.syncNow(fullName, request));
  }

  /** The handle of `owner/name`, made once per process. */
  repo(fullName: string): RepoHandle {
    let handle = this.#repos.get(fullName);
    if (!handle) {
      const [owner = "", name = ""] = fullName.split("/", 2);
      const client = giteaClient(this.#octokit, owner, name);
      const gateway = createGiteaGateway({ client, botLogin: this.botLogin, labels: this.labels });
      handle = { fullName, client, gateway, configs: new ConfigCache(gateway) };
      this.#repos.set(fullName, handle);
    }
    return handle;
  }

  /** Queues a sync (one at a time per repository; waiting requests fold into one). */
  sync(fullName: string, request: Omit<SyncRequest, "dryRun"> = {}): Promise<SyncResult> {
    return this.queue.enqueue(fullName, request);
  }

  /** Runs a sync at once, outside the queue (the queue's runner, and `--dry-run`). */
  async syncNow(
    fullName: string,
    request: SyncRequest,
    onProgress?: (done: number, total: number) => void,
  ): Promise<SyncResult> {
    const { gateway, configs } = this.repo(fullName);
    const result = await syncRepository(
      { gateway, configs, concurrency: this.concurrency, ...(onProgress ? { onProgress } : {}) },
      request,
    );
    if (!request.dryRun)
      this.#lastSync.set(fullName, { sha: result.sha, ...result.status, at: new Date() });
    return result;
  }

  /** The last sync this process ran for the repository, if any. */
  lastSync(fullName: string): LastSync | undefined {
    return this.#lastSync.get(fullName);
  }
}
