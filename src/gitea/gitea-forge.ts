/** The port (`src/port/forge.ts`) on Gitea: one repository, through the endpoint functions. */
import { DEFAULT_MAX_BYTES } from "../core/document/types.js";
import type {
  Comment,
  FileChangeResult,
  FileRead,
  Forge,
  Issue,
  PullRequestResult,
  RepoInfo,
} from "../port/forge.js";
import { listRepoAssignees } from "./assignees.js";
import { type GiteaClient, giteaClient, type OctokitLike } from "./client.js";
import { createComment, listComments, updateComment } from "./comments.js";
import { getFileContents, updateFile } from "./contents.js";
import {
  createIssueDependency,
  listIssueDependencies,
  removeIssueDependency,
} from "./dependencies.js";
import { GiteaError } from "./errors.js";
import {
  createFieldsOf,
  cycleRefused,
  dependenciesLeft,
  dueDay,
  fieldRefused,
  fieldsOf,
} from "./issue-fields.js";
import { createIssue, getIssue, listTrackedIssues, updateIssue } from "./issues.js";
import type { LabelResolver } from "./label-resolver.js";
import { addIssueLabels, replaceIssueLabels } from "./labels.js";
import { listMilestones } from "./milestones.js";
import { newPinAllowed, pinIssue, unpinIssue } from "./pins.js";
import { createPullRequest, getPullRequest } from "./pulls.js";
import { getRawFile, type RawFileRead } from "./raw-file.js";
import { createCommentReaction } from "./reactions.js";
import { getBranch, getDefaultBranchHead, getRepository } from "./repos.js";
import { createCommitStatus } from "./statuses.js";
import type { GiteaComment, GiteaIssue, GiteaLabel, GiteaRepo } from "./types.js";
import { getCollaboratorPermission } from "./users.js";

export interface GiteaForgeOptions {
  octokit: OctokitLike;
  /** `owner/name`. */
  fullName: string;
  /** The bot's login (`GET /user`), read once per process by the caller. */
  botLogin: string;
  /** Shared per process so labels are listed once per repository. */
  labels: LabelResolver;
  /** The repository's read, when the caller sent it ahead (the command line: beside `GET /user`). */
  repository?: Promise<GiteaRepo>;
  /**
   * The default branch's head, when the caller sent its read ahead (the command line: beside
   * `GET /user`, once the repository's lock is held); taken by the first `defaultBranchHead()`.
   */
  defaultBranchHead?: Promise<string>;
}

function toIssue(issue: GiteaIssue): Issue {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    labels: issue.labels.map((label) => ({ id: label.id, name: label.name })),
    author: issue.user.login,
    createdAt: issue.created_at,
    htmlUrl: issue.html_url,
    ...(issue.comments === undefined ? {} : { comments: issue.comments }),
    pinOrder: issue.pin_order ?? 0,
    assignees: issue.assignees,
    milestone: issue.milestone?.title ?? null,
    dueDate: issue.due_date === null ? null : dueDay(issue.due_date),
  };
}

function toComment(comment: GiteaComment): Comment {
  return {
    id: comment.id,
    body: comment.body,
    author: comment.user.login,
    htmlUrl: comment.html_url,
  };
}

/** Whether Gitea's answer lacks any of the label IDs sent. */
function missingLabels(answer: readonly GiteaLabel[], sent: readonly number[]): boolean {
  const have = new Set(answer.map((label) => label.id));
  return sent.some((id) => !have.has(id));
}

function rawRead(raw: RawFileRead): Exclude<FileRead, { kind: "missing" }> {
  return raw.kind === "file" ? { kind: "found", bytes: raw.content, blobSha: raw.sha } : raw;
}

function isStatus(error: unknown, status: number): error is GiteaError {
  return error instanceof GiteaError && error.status === status;
}

export function createGiteaForge(options: GiteaForgeOptions): Forge {
  const { botLogin, labels } = options;
  const [owner = "", name = ""] = options.fullName.split("/", 2);
  const client: GiteaClient = giteaClient(options.octokit, owner, name);
  let repoInfo: Promise<RepoInfo> | undefined;

  // Gitea's raw endpoint answers 404 for a directory or submodule too: the contents API
  // tells them from a missing file (SPEC §3.4 "Calls").
  const tellApartFromMissing = async (path: string, ref: string): Promise<FileRead> => {
    const read = await getFileContents(client, path, ref);
    if (read === null) return { kind: "missing" };
    if (read.kind === "not-a-file") return read;
    // Only a file added between the two reads gets here.
    if (read.kind === "too-large") return { kind: "too-large", size: read.size };
    return { kind: "found", bytes: read.content, blobSha: read.sha };
  };
  const branchExists = async (branch: string): Promise<boolean> => {
    try {
      await getBranch(client, branch);
      return true;
    } catch (error) {
      if (isStatus(error, 404)) return false;
      throw error;
    }
  };

  const listDependencies = async (number: number): Promise<number[]> => {
    const blockers = await listIssueDependencies(client, number);
    // Dependencies on other repositories (`[service] ALLOW_CROSS_REPOSITORY_DEPENDENCIES`) have
    // numbers of their own, and one the bot may not read comes back as index 0 ("HIDDEN").
    return blockers
      .filter((issue) => issue.number > 0 && inThisRepo(issue))
      .map((issue) => issue.number);
  };
  const inThisRepo = (issue: GiteaIssue) =>
    issue.repository?.full_name === undefined ||
    issue.repository.full_name.toLowerCase() === `${owner}/${name}`.toLowerCase();

  let ahead = options.repository;
  let headAhead = options.defaultBranchHead;
  return {
    repo() {
      if (repoInfo === undefined) {
        const read = ahead ?? getRepository(client);
        ahead = undefined;
        const loading = read.then((repo) => ({
          owner: repo.owner,
          name: repo.name,
          htmlUrl: repo.htmlUrl,
          defaultBranch: repo.defaultBranch,
        }));
        repoInfo = loading;
        // Only this read is dropped: one started since (after a failure) stays.
        loading.catch(() => {
          if (repoInfo === loading) repoInfo = undefined;
        });
      }
      return repoInfo;
    },
    async branchHead(branch) {
      return (await getBranch(client, branch)).commitSha;
    },
    defaultBranchHead() {
      const read = headAhead ?? getDefaultBranchHead(client);
      headAhead = undefined;
      return read;
    },
    branchExists,
    async readFile(path, ref, maxBytes = DEFAULT_MAX_BYTES): Promise<FileRead> {
      const raw = await getRawFile(client, path, ref, maxBytes);
      return raw === null ? await tellApartFromMissing(path, ref) : rawRead(raw);
    },
    async readFirstFile(paths, ref, maxBytes = DEFAULT_MAX_BYTES) {
      const raws = paths.map((path) => getRawFile(client, path, ref, maxBytes));
      for (const raw of raws) raw.catch(() => {}); // each is awaited below, in order
      // Only a 404 before the first file found is told apart: a later path's does not matter.
      const toldApart: { path: string; read: Promise<FileRead> }[] = [];
      let found: { path: string; read: Exclude<FileRead, { kind: "missing" }> } | null = null;
      for (const [index, path] of paths.entries()) {
        const raw = await (raws[index] as Promise<RawFileRead | null>);
        if (raw !== null) {
          found = { path, read: rawRead(raw) };
          break;
        }
        const read = tellApartFromMissing(path, ref);
        read.catch(() => {}); // awaited below, in order
        toldApart.push({ path, read });
      }
      for (const { path, read } of toldApart) {
        const file = await read;
        if (file.kind !== "missing") return { path, read: file };
      }
      return found;
    },
    async proposeFileChange(change): Promise<FileChangeResult> {
      try {
        await updateFile(client, change.path, change.blobSha, {
          content: change.content,
          message: change.message,
          branch: change.base,
          newBranch: change.branch,
        });
        return { kind: "committed" };
      } catch (error) {
        // Gitea 1.25 answers 422 both when `new_branch` exists (it has no force_push) and when
        // the blob sha is stale: the branch tells which.
        if (!isStatus(error, 422)) throw error;
        return (await branchExists(change.branch)) ? { kind: "branch-exists" } : { kind: "stale" };
      }
    },
    async setStatus(sha, status) {
      await createCommitStatus(client, sha, {
        state: status.state,
        context: status.context,
        description: status.description,
        ...(status.targetUrl === undefined ? {} : { targetUrl: status.targetUrl }),
      });
    },
    async listBotIssues() {
      const issues = await listTrackedIssues(client, botLogin);
      return issues.filter((issue) => !issue.pull_request).map(toIssue);
    },
    async getIssue(number) {
      return toIssue(await getIssue(client, number));
    },
    async createIssue(issue) {
      const labelIds = await labels.resolve(client, issue.labels);
      // Without write access Gitea drops the assignees, milestone and due date silently (and
      // an unknown milestone ID too): the answer says what was set.
      const created = await createIssue(client, {
        title: issue.title,
        body: issue.body,
        labels: labelIds,
        ...createFieldsOf(issue),
      });
      if (missingLabels(created.labels, labelIds)) {
        // Gitea drops unknown label IDs silently: a label deleted since we listed them. List
        // again (re-creating it) and add the labels the issue lacks.
        labels.forget(client);
        created.labels = await addIssueLabels(
          client,
          created.number,
          await labels.resolve(client, issue.labels),
        );
      }
      return toIssue(created);
    },
    async editIssue(number, edit) {
      const { assignees, dueDate, milestone, ...rest } = edit;
      try {
        await updateIssue(client, number, {
          ...rest,
          ...fieldsOf({ assignees, dueDate, milestone }),
        });
      } catch (error) {
        // Gitea answers 412 (`ErrDependenciesLeft`) to a close while the issue depends on open
        // issues; the title, body and fields of the same PATCH are written before it refuses.
        if (edit.state === "closed" && isStatus(error, 412)) throw dependenciesLeft(number, error);
        if ((assignees !== undefined || milestone) && isStatus(error, 500)) {
          throw fieldRefused(error);
        }
        throw error;
      }
    },
    listDependencies,
    async addDependency(number, blocker) {
      try {
        await createIssueDependency(client, number, blocker);
      } catch (error) {
        // Gitea answers 500 to a dependency already there, and an answer lost may have been
        // applied: a read tells. Nothing is resent (SPEC §3.4 "Calls").
        if (!(error instanceof GiteaError) || !error.answerLost) throw error;
        if ((await listDependencies(number)).includes(blocker)) return;
        if (error.status < 500) throw error;
        throw cycleRefused(number, blocker, error);
      }
    },
    async removeDependency(number, blocker) {
      try {
        await removeIssueDependency(client, number, blocker);
      } catch (error) {
        // Gitea answers 500 to a dependency that is not there; as above, a read tells.
        if (!(error instanceof GiteaError) || !error.answerLost) throw error;
        if (!(await listDependencies(number)).includes(blocker)) return;
        throw error;
      }
    },
    pinAllowed() {
      return newPinAllowed(client);
    },
    async pinIssue(number) {
      try {
        await pinIssue(client, number);
        return "pinned";
      } catch (error) {
        // Gitea answers 403 at `[repository.issue] MAX_PINNED` (a pin raced in since new_pin_allowed).
        if (isStatus(error, 403)) return "limit";
        throw error;
      }
    },
    async unpinIssue(number) {
      await unpinIssue(client, number);
    },
    async replaceLabels(number, keep, add) {
      const wanted = [...new Set([...keep, ...(await labels.resolve(client, add))])];
      const now = await replaceIssueLabels(client, number, wanted);
      if (missingLabels(now, wanted)) {
        labels.forget(client); // as in createIssue: a label deleted since we listed them
        const again = [...new Set([...keep, ...(await labels.resolve(client, add))])];
        await replaceIssueLabels(client, number, again);
      }
    },
    async listAssignees() {
      return (await listRepoAssignees(client)).map((user) => user.login);
    },
    async listMilestones() {
      return (await listMilestones(client)).map(({ id, title, state }) => ({ id, title, state }));
    },
    async comment(number, body) {
      return toComment(await createComment(client, number, body));
    },
    async listComments(number) {
      return (await listComments(client, number)).map(toComment);
    },
    async updateComment(id, body) {
      await updateComment(client, id, body);
    },
    async reactToComment(id, reaction) {
      await createCommentReaction(client, id, reaction);
    },
    async openPullRequest(pull): Promise<PullRequestResult> {
      try {
        const { pull: opened, created } = await createPullRequest(client, pull);
        return { kind: created ? "created" : "exists", pull: opened };
      } catch (error) {
        // Gitea answers 422 for a head with no commit beyond the base.
        if (isStatus(error, 422)) return { kind: "no-change" };
        throw error;
      }
    },
    getPullRequest(number) {
      return getPullRequest(client, number);
    },
    permissionOf(login) {
      return getCollaboratorPermission(client, login);
    },
  };
}
