/**
 * Label names → IDs for one process, one listing per repository.
 * Gitea's issue create takes label IDs only, and Gitea allows duplicate label names, so a
 * missing label is created only after listing, at most once, and a duplicate already in the
 * repository is reused (the oldest), never multiplied. A create whose answer was lost (the label
 * may exist now) is followed by a fresh listing, never by a second create (SPEC §3.4 "Calls").
 */
import type { GiteaClient } from "./client.js";
import { GiteaError } from "./errors.js";
import { createLabel, listRepoLabels } from "./labels.js";
import type { GiteaLabel } from "./types.js";

export interface LabelResolverOptions {
  /** Scopes whose labels are created exclusive (Gitea scoped labels). Default `risk`, `category`. */
  exclusiveScopes?: readonly string[];
  /** Colour (`rrggbb`) of a label the resolver creates. */
  colorFor?: (name: string) => string;
  /**
   * List the labels again before creating one: another process sharing the lock may have
   * created it since this one listed (SPEC §10). Set with `REDIS_URL`.
   */
  refreshBeforeCreate?: boolean;
}

const RISK_COLORS: Record<string, string> = {
  critical: "b60205",
  high: "d93f0b",
  medium: "fbca04",
  low: "0e8a16",
};

/** Default colours: risk levels from red to green, categories blue, anything else grey. */
export function defaultLabelColor(name: string): string {
  const [scope, value = ""] = name.split("/", 2);
  if (scope === "risk" && name.includes("/")) return RISK_COLORS[value] ?? "d93f0b";
  if (scope === "category" && name.includes("/")) return "1d76db";
  return "c5def5";
}

interface RepoLabels {
  byName: Map<string, GiteaLabel>;
  creating: Map<string, Promise<GiteaLabel>>;
}

export class LabelResolver {
  readonly #repos = new Map<string, Promise<RepoLabels>>();
  readonly #exclusiveScopes: readonly string[];
  readonly #colorFor: (name: string) => string;
  readonly #refreshBeforeCreate: boolean;

  constructor(options: LabelResolverOptions = {}) {
    this.#exclusiveScopes = options.exclusiveScopes ?? ["risk", "category"];
    this.#colorFor = options.colorFor ?? defaultLabelColor;
    this.#refreshBeforeCreate = options.refreshBeforeCreate ?? false;
  }

  /** IDs of `names` in the same order, creating the missing labels. */
  async resolve(client: GiteaClient, names: readonly string[]): Promise<number[]> {
    const labels = await Promise.all(names.map((name) => this.label(client, name)));
    return labels.map((label) => label.id);
  }

  /** The label called `name`, created when the repository has none. */
  async label(client: GiteaClient, name: string): Promise<GiteaLabel> {
    const repo = await this.#load(client);
    const known = find(repo.byName, name);
    if (known) return known;
    let pending = repo.creating.get(name);
    if (!pending) {
      pending = this.#relisted(client, repo, name).then(async (listed) => {
        const label = listed ?? (await this.#createOrFind(client, repo, name));
        repo.byName.set(label.name, label);
        return label;
      });
      const started = pending;
      started.catch(() => {
        if (repo.creating.get(name) === started) repo.creating.delete(name);
      });
      repo.creating.set(name, started);
    }
    return pending;
  }

  /** Lists the repository's labels now, so that its first write need not wait for the listing. */
  prefetch(client: GiteaClient): void {
    this.#load(client).catch(() => {}); // a failed listing is dropped: the first write lists again
  }

  /** Drops the cache for a repository (e.g. when labels were deleted on Gitea). */
  forget(client: GiteaClient): void {
    this.#repos.delete(repoKey(client));
  }

  #load(client: GiteaClient): Promise<RepoLabels> {
    const key = repoKey(client);
    let repo = this.#repos.get(key);
    if (!repo) {
      repo = listRepoLabels(client).then((labels) => ({
        byName: indexByName(labels),
        creating: new Map(),
      }));
      const started = repo;
      // Only this listing is dropped: one started after a `forget` stays.
      started.catch(() => {
        if (this.#repos.get(key) === started) this.#repos.delete(key);
      });
      this.#repos.set(key, started);
    }
    return repo;
  }

  /** Creates `name`; when the answer was lost, lists the labels again and takes it from there. */
  async #createOrFind(client: GiteaClient, repo: RepoLabels, name: string): Promise<GiteaLabel> {
    try {
      return await this.#create(client, name);
    } catch (error) {
      if (!(error instanceof GiteaError && error.answerLost)) throw error;
      const found = find(await this.#relist(client, repo), name);
      if (found) return found;
      throw error; // not applied: the next sync creates it
    }
  }

  /** With `refreshBeforeCreate`: the labels listed again, and `name` among them if there now. */
  async #relisted(
    client: GiteaClient,
    repo: RepoLabels,
    name: string,
  ): Promise<GiteaLabel | undefined> {
    if (!this.#refreshBeforeCreate) return undefined;
    return find(await this.#relist(client, repo), name);
  }

  /** The labels listed again; the ones this process had not seen are added to its cache. */
  async #relist(client: GiteaClient, repo: RepoLabels): Promise<Map<string, GiteaLabel>> {
    const fresh = indexByName(await listRepoLabels(client));
    for (const [key, label] of fresh) if (!repo.byName.has(key)) repo.byName.set(key, label);
    return fresh;
  }

  #create(client: GiteaClient, name: string): Promise<GiteaLabel> {
    const scope = name.includes("/") ? name.slice(0, name.lastIndexOf("/")) : undefined;
    const exclusive = scope !== undefined && this.#exclusiveScopes.includes(scope);
    return createLabel(client, { name, color: this.#colorFor(name), exclusive });
  }
}

function repoKey(client: GiteaClient): string {
  return `${client.owner}/${client.repo}`.toLowerCase();
}

/** Duplicate names (Gitea allows them): the oldest label, i.e. the lowest ID, wins. */
function indexByName(labels: readonly GiteaLabel[]): Map<string, GiteaLabel> {
  const byName = new Map<string, GiteaLabel>();
  for (const label of [...labels].sort((a, b) => a.id - b.id)) {
    if (!byName.has(label.name)) byName.set(label.name, label);
  }
  return byName;
}

/** Exact name first, then case-insensitively, so `Risk/High` does not get a twin `risk/high`. */
function find(byName: Map<string, GiteaLabel>, name: string): GiteaLabel | undefined {
  const exact = byName.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const label of byName.values()) if (label.name.toLowerCase() === lower) return label;
  return undefined;
}
