/** The sync's view of one repository (`RepoGateway`), implemented with the Gitea adapter. */
import type { FileRead, RepoGateway, RepoInfo } from "../sync/repo-gateway.js";
import type { TrackerIssue } from "../sync/tracker.js";
import type { GiteaClient } from "./client.js";
import { createComment } from "./comments.js";
import { getFileContents } from "./contents.js";
import { createIssue, getIssue, listTrackedIssues, updateIssue } from "./issues.js";
import type { LabelResolver } from "./label-resolver.js";
import { replaceIssueLabels } from "./labels.js";
import { getBranch, getRepository } from "./repos.js";
import { createCommitStatus } from "./statuses.js";
import type { GiteaIssue } from "./types.js";

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
      return toTrackerIssue(
        await createIssue(client, { title: issue.title, body: issue.body, labels: labelIds }),
      );
    },
    async editIssue(number, edit) {
      await updateIssue(client, number, edit);
    },
    async replaceLabels(number, keep, add) {
      const added = await labels.resolve(client, add);
      await replaceIssueLabels(client, number, [...new Set([...keep, ...added])]);
    },
    async comment(number, body) {
      await createComment(client, number, body);
    },
  };
}
