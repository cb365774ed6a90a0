/** The sync's view of one repository (`RepoGateway`), implemented with the Gitea adapter. */
import type { FileRead, RepoGateway, RepoInfo } from "../sync/repo-gateway.js";
import type { TrackerIssue } from "../sync/tracker.js";
import type { GiteaClient } from "./client.js";
import { createComment } from "./comments.js";
import { getFileContents } from "./contents.js";
import { createIssue, getIssue, listTrackedIssues, updateIssue } from "./issues.js";
import type { LabelResolver } from "./label-resolver.js";
import { addIssueLabels, replaceIssueLabels } from "./labels.js";
import { getBranch, getRepository } from "./repos.js";
import { createCommitStatus } from "./statuses.js";
import type { GiteaIssue, GiteaLabel } from "./types.js";

export interface GiteaGatewayOptions {
  client: GiteaClient;
  /** The bot's login (`GET /user`), read once per process by the caller. */
  botLogin: string;
  /** Shared per process so labels are listed once per repository. */
  labels: LabelResolver;
}

function toTrackerIssue(issue: GiteaIssue): TrackerIssue {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    labels: issue.labels.map((label) => ({ id: label.id, name: label.name })),
    createdAt: issue.created_at,
    htmlUrl: issue.html_url,
  };
}

/** Whether Gitea's answer lacks any of the label IDs sent. */
function missingLabels(answer: readonly GiteaLabel[], sent: readonly number[]): boolean {
  const have = new Set(answer.map((label) => label.id));
  return sent.some((id) => !have.has(id));
}

export function createGiteaGateway(options: GiteaGatewayOptions): RepoGateway {
  const { client, botLogin, labels } = options;
  let repoInfo: Promise<RepoInfo> | undefined;
  return {
    repo() {
      repoInfo ??= getRepository(client).then((repo) => ({
        owner: repo.owner,
        name: repo.name,
        htmlUrl: repo.htmlUrl,
        defaultBranch: repo.defaultBranch,
      }));
      repoInfo.catch(() => {
        repoInfo = undefined;
      });
      return repoInfo;
    },
    async branchHead(branch) {
      return (await getBranch(client, branch)).commitSha;
    },
    async readFile(path, ref): Promise<FileRead> {
      const read = await getFileContents(client, path, ref);
      if (read === null) return { kind: "missing" };
      if (read.kind === "too-large") return { kind: "too-large", size: read.size };
      if (read.kind === "not-a-file") return read;
      return { kind: "found", bytes: read.content, blobSha: read.sha };
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
      return issues.filter((issue) => !issue.pull_request).map(toTrackerIssue);
    },
    async getIssue(number) {
      return toTrackerIssue(await getIssue(client, number));
    },
    async createIssue(issue) {
      const labelIds = await labels.resolve(client, issue.labels);
      const created = await createIssue(client, {
        title: issue.title,
        body: issue.body,
        labels: labelIds,
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
      return toTrackerIssue(created);
    },
    async editIssue(number, edit) {
      await updateIssue(client, number, edit);
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
    async comment(number, body) {
      await createComment(client, number, body);
    },
  };
}
