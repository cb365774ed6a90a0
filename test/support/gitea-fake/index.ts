/**
 * A Gitea 1.25 fake over real loopback HTTP, for every test that talks to Gitea.
 * Behaviour follows ../shared/gitea/NOTES.md; requests are checked against the swagger when present.
 */
import { giteaContract } from "../swagger/gitea-contract.js";
import type { Fault, FaultPlanOptions, PersonEdit, RequestMatcher } from "./faults.js";
import { commitFile } from "./handlers/contents.js";
import { normaliseColor } from "./handlers/labels.js";
import {
  API_PREFIX,
  type FailureMatcher,
  FakeHttpServer,
  type InjectedFailure,
  type RequestRecord,
} from "./server.js";
import {
  blobSha as blobShaOf,
  type FakeComment,
  type FakeIssue,
  type FakeLabel,
  type FakeMilestone,
  type FakeRepo,
  FakeStore,
  type FakeUser,
  type Permission,
} from "./store.js";

export type {
  Fault,
  FaultAnswer,
  FaultPlanOptions,
  FaultRule,
  PersonEdit,
  RequestMatcher,
} from "./faults.js";
export type { FailureMatcher, InjectedFailure, RequestRecord } from "./server.js";
export type {
  FakeComment,
  FakeIssue,
  FakeLabel,
  FakeMilestone,
  FakeRepo,
  FakeStatus,
  FakeStore,
  FakeUser,
  Permission,
} from "./store.js";

export interface FakeUserOptions {
  login: string;
  token?: string;
  isAdmin?: boolean;
}

export interface FakeRepoOptions {
  owner: string;
  name: string;
  defaultBranch?: string;
  private?: boolean;
  /** Login → permission (the owner is `owner` anyway). */
  collaborators?: Record<string, Permission>;
  /** Committed on the default branch, one commit for all. */
  files?: Record<string, string>;
}

export interface GiteaFakeOptions {
  /** Users with tokens. Default: `deferbot` (token `deferbot-token`), `alice` (`alice-token`), site admin `root` (`root-token`). */
  users?: FakeUserOptions[];
  /** Default: `acme/widgets` (branch `main`) with `deferbot` as a `write` collaborator and `alice` as `read`. */
  repos?: FakeRepoOptions[];
  /** ROOT_URL used in Link headers and URLs; default the fake's own `http://127.0.0.1:PORT/`. */
  rootUrl?: string;
  /** `[api] MAX_RESPONSE_ITEMS`: the largest page, whatever `limit` asks. Default 50. */
  maxResponseItems?: number;
  /** `[api] DEFAULT_MAX_BLOB_SIZE`; larger files come back with `content: null`. Default 10 MiB. */
  maxBlobSize?: number;
  /** Check requests against ../shared's swagger: `true`/`"auto"` when present (default), `false` never. */
  validate?: boolean | "auto";
  latencyMs?: number;
}

export interface RequestFilter {
  method?: string;
  /** Exact path below `/api/v1` or a RegExp tested against it. */
  path?: string | RegExp;
  /** Route template, e.g. `PATCH /repos/{owner}/{repo}/issues/{index}`. */
  route?: string;
  status?: number;
}

export const DEFAULT_USERS: FakeUserOptions[] = [
  { login: "deferbot", token: "deferbot-token" },
  { login: "alice", token: "alice-token" },
  { login: "root", token: "root-token", isAdmin: true },
];

export const DEFAULT_REPOS: FakeRepoOptions[] = [
  { owner: "acme", name: "widgets", collaborators: { deferbot: "write", alice: "read" } },
];

export interface GiteaFake {
  /** `http://127.0.0.1:PORT` (no trailing slash): what a user would put in GITEA_URL. */
  url: string;
  /** `http://127.0.0.1:PORT/api/v1`. */
  apiUrl: string;
  /** Everything the fake holds; inspect and mutate freely. */
  state: FakeStore;
  /** Every request received, in order. */
  requests: RequestRecord[];
  /** Contract violations seen (each also answered 400). */
  violations: string[];
  /** Whether requests are being checked against the swagger. */
  validating: boolean;
  count(filter?: RequestFilter): number;
  requestsMatching(filter?: RequestFilter): RequestRecord[];
  /** Requests other than GET. */
  writes(): RequestRecord[];
  /** Forgets the request log and the concurrency peak (not the state). */
  resetRequests(): void;
  /** Most requests ever being served at the same time. */
  peakInFlight(): number;
  setLatency(ms: number): void;
  /** The next `times` (default 1) requests matching get `failure` instead of an answer. */
  failNext(matcher: FailureMatcher, failure: InjectedFailure, times?: number): void;
  /**
   * Seeded faults by rate (faults.ts), e.g. `{ seed, rules: [{ rate: 0.2, answer: 502 },
   * { rate: 0.05, answer: "hang" }] }` (each half applied before the answer is lost); `null` stops them.
   */
  setFaults(options: FaultPlanOptions | null): void;
  /** The next `times` (default 1) matching requests get `fault` (applied first when `after`). */
  faultNext(matcher: RequestMatcher, fault: Fault, times?: number): void;
  /** A person's edit applied at a chosen moment (faults.ts: `answered`, `lost`). */
  onRequest(edit: PersonEdit): void;
  /** Forgets every person's edit hook. */
  clearEdits(): void;
  repo(fullName: string): FakeRepo;
  addUser(user: FakeUserOptions): FakeUser;
  addRepo(repo: FakeRepoOptions): FakeRepo;
  /** Commits a file (on the default branch unless told); returns the commit sha. */
  setFile(
    repo: string,
    path: string,
    content: string | Uint8Array,
    options?: { branch?: string; message?: string },
  ): string;
  deleteFile(repo: string, path: string, options?: { branch?: string; message?: string }): string;
  /** Head commit sha of a branch (default branch unless told). */
  headSha(repo: string, branch?: string): string;
  addLabel(repo: string, label: { name: string; color?: string; exclusive?: boolean }): FakeLabel;
  /** Sets a user's permission on the repository (the user is created if new); `write` or more makes them assignable. */
  setCollaborator(repo: string, login: string, permission: Permission): void;
  addMilestone(
    repo: string,
    milestone: { title: string; state?: "open" | "closed"; description?: string },
  ): FakeMilestone;
  /** `number` depends on `blocker`, as if a person linked them. */
  addDependency(repo: string, number: number, blocker: number): void;
  /** Seeds an issue as if `author` opened it; labels by name (first label of that name). */
  addIssue(
    repo: string,
    issue: {
      title: string;
      body?: string;
      author: string;
      state?: "open" | "closed";
      labels?: string[];
    },
  ): FakeIssue;
  addComment(repo: string, number: number, comment: { author: string; body: string }): FakeComment;
  /** Seeds an open pull request of `head` (a commit of the repository, as `refs/pull/N/head`) into `base`. */
  addPull(
    repo: string,
    pull: {
      title: string;
      author: string;
      head: string;
      headSha: string;
      mergeBase: string;
      base?: string;
      /** `owner/name` of the fork the head comes from. */
      headRepo?: string;
    },
  ): FakeIssue;
  issue(repo: string, number: number): FakeIssue;
  stop(): Promise<void>;
}

export async function startGiteaFake(options: GiteaFakeOptions = {}): Promise<GiteaFake> {
  const store = new FakeStore();
  const validate = options.validate ?? "auto";
  const contract = validate === false ? null : giteaContract();
  let rootUrl = options.rootUrl ?? "";
  const server = new FakeHttpServer({
    store,
    contract,
    rootUrl: () => rootUrl,
    options: {
      maxBlobSize: options.maxBlobSize ?? 10 * 1024 * 1024,
      defaultPageSize: 30,
      maxPageSize: options.maxResponseItems ?? 50,
    },
  });
  server.latencyMs = options.latencyMs ?? 0;
  const port = await server.listen();
  const url = `http://127.0.0.1:${port}`;
  if (!rootUrl) rootUrl = `${url}/`;
  if (!rootUrl.endsWith("/")) rootUrl += "/";

  const repoOf = (fullName: string): FakeRepo => {
    const [owner = "", name = ""] = fullName.split("/");
    const repo = store.repo(owner, name);
    if (!repo) throw new Error(`gitea fake: no repository ${fullName}`);
    return repo;
  };

  const addUser = (user: FakeUserOptions) =>
    store.addUser(user.login, {
      ...(user.token === undefined ? {} : { token: user.token }),
      ...(user.isAdmin === undefined ? {} : { isAdmin: user.isAdmin }),
    });

  const addRepo = (spec: FakeRepoOptions) => {
    const repo = store.addRepo(spec.owner, spec.name, {
      ...(spec.defaultBranch === undefined ? {} : { defaultBranch: spec.defaultBranch }),
      ...(spec.private === undefined ? {} : { private: spec.private }),
    });
    for (const [login, permission] of Object.entries(spec.collaborators ?? {})) {
      store.addUser(login);
      repo.collaborators.set(login.toLowerCase(), permission);
    }
    const files = Object.entries(spec.files ?? {});
    if (files.length > 0) {
      const head = store.resolveRef(repo, repo.defaultBranch);
      const tree = new Map(head?.files);
      for (const [path, content] of files) {
        const buffer = Buffer.from(content);
        tree.set(path, { sha: blobShaOf(buffer), content: buffer });
      }
      const commit = store.commit(repo, head, "Add files", repo.owner, tree);
      repo.branches.set(repo.defaultBranch, commit.sha);
    }
    return repo;
  };

  for (const user of options.users ?? DEFAULT_USERS) addUser(user);
  for (const repo of options.repos ?? DEFAULT_REPOS) addRepo(repo);

  const matching = (filter: RequestFilter = {}) =>
    server.requests.filter((record) => {
      if (filter.method && filter.method.toUpperCase() !== record.method) return false;
      if (filter.route && filter.route !== record.route) return false;
      if (filter.status !== undefined && filter.status !== record.status) return false;
      if (typeof filter.path === "string" && filter.path !== record.path) return false;
      if (filter.path instanceof RegExp && !filter.path.test(record.path)) return false;
      return true;
    });

  return {
    url,
    apiUrl: `${url}${API_PREFIX}`,
    state: store,
    requests: server.requests,
    violations: server.violations,
    validating: contract !== null,
    count: (filter) => matching(filter).length,
    requestsMatching: matching,
    writes: () => server.requests.filter((record) => record.method !== "GET"),
    resetRequests: () => {
      server.requests.length = 0;
      server.peakInFlight = server.inFlight;
    },
    peakInFlight: () => server.peakInFlight,
    setLatency: (ms) => {
      server.latencyMs = ms;
    },
    failNext: (matcher, failure, times = 1) => server.failNext(matcher, failure, times),
    setFaults: (faults) => (faults ? server.faults.setRates(faults) : server.faults.clearRates()),
    faultNext: (matcher, fault, times = 1) => server.faults.schedule(matcher, fault, times),
    onRequest: (edit) => server.faults.addEdit(edit),
    clearEdits: () => server.faults.clearEdits(),
    repo: repoOf,
    addUser,
    addRepo,
    setFile: (repo, path, content, fileOptions = {}) =>
      commitFile(store, repoOf(repo), path, Buffer.from(content), fileOptions),
    deleteFile: (repo, path, fileOptions = {}) =>
      commitFile(store, repoOf(repo), path, null, fileOptions),
    headSha: (repo, branch) => {
      const fake = repoOf(repo);
      const sha = fake.branches.get(branch ?? fake.defaultBranch);
      if (!sha) throw new Error(`gitea fake: no branch ${branch} in ${repo}`);
      return sha;
    },
    addLabel: (repo, label) => {
      const fake = repoOf(repo);
      const created: FakeLabel = {
        id: store.nextId(),
        name: label.name,
        color: normaliseColor(label.color ?? "ededed") ?? "ededed",
        description: "",
        exclusive: label.exclusive ?? false,
        isArchived: false,
      };
      fake.labels.push(created);
      return created;
    },
    setCollaborator: (repo, login, permission) => {
      store.addUser(login);
      repoOf(repo).collaborators.set(login.toLowerCase(), permission);
    },
    addMilestone: (repo, milestone) => {
      const fake = repoOf(repo);
      const now = store.now();
      const state = milestone.state ?? "open";
      const created: FakeMilestone = {
        id: store.nextId(),
        title: milestone.title,
        description: milestone.description ?? "",
        state,
        createdAt: now,
        closedAt: state === "closed" ? now : null,
      };
      fake.milestones = [...(fake.milestones ?? []), created];
      return created;
    },
    addDependency: (repo, number, blocker) => {
      const fake = repoOf(repo);
      const issue = fake.issues.find((candidate) => candidate.number === number);
      if (!issue || !fake.issues.some((candidate) => candidate.number === blocker)) {
        throw new Error(`gitea fake: no issue #${number} or #${blocker} in ${repo}`);
      }
      if (!(issue.blockedBy ?? []).includes(blocker))
        issue.blockedBy = [...(issue.blockedBy ?? []), blocker];
    },
    addIssue: (repo, issue) => {
      const fake = repoOf(repo);
      store.addUser(issue.author);
      const now = store.now();
      const state = issue.state ?? "open";
      const created: FakeIssue = {
        id: store.nextId(),
        number: fake.nextIndex++,
        title: issue.title,
        body: issue.body ?? "",
        state,
        labelIds: (issue.labels ?? []).map((name) => {
          const label = fake.labels.find((candidate) => candidate.name === name);
          if (!label) throw new Error(`gitea fake: no label ${name} in ${repo}`);
          return label.id;
        }),
        author: issue.author,
        createdAt: now,
        updatedAt: now,
        closedAt: state === "closed" ? now : null,
        pull: undefined,
      };
      fake.issues.push(created);
      return created;
    },
    addComment: (repo, number, comment) => {
      const fake = repoOf(repo);
      const now = store.now();
      const created: FakeComment = {
        id: store.nextId(),
        issueNumber: number,
        ...comment,
        createdAt: now,
        updatedAt: now,
      };
      fake.comments.push(created);
      return created;
    },
    addPull: (repo, pull) => {
      const fake = repoOf(repo);
      store.addUser(pull.author);
      const now = store.now();
      const base = pull.base ?? fake.defaultBranch;
      const created: FakeIssue = {
        id: store.nextId(),
        number: fake.nextIndex++,
        title: pull.title,
        body: "",
        state: "open",
        labelIds: [],
        author: pull.author,
        createdAt: now,
        updatedAt: now,
        closedAt: null,
        pull: {
          head: pull.head,
          base,
          headSha: pull.headSha,
          baseSha: fake.branches.get(base) ?? pull.mergeBase,
          merged: false,
          mergeBase: pull.mergeBase,
          ...(pull.headRepo === undefined ? {} : { headRepo: pull.headRepo }),
        },
      };
      fake.issues.push(created);
      return created;
    },
    issue: (repo, number) => {
      const found = repoOf(repo).issues.find((issue) => issue.number === number);
      if (!found) throw new Error(`gitea fake: no issue #${number} in ${repo}`);
      return found;
    },
    stop: () => server.close(),
  };
}
