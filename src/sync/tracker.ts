/** What the sync needs from an issue tracker; `src/gitea/tracker.ts` implements it on Gitea. */

export interface TrackerLabel {
  id: number;
  name: string;
}

export interface TrackerIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: TrackerLabel[];
  createdAt: string;
  htmlUrl: string;
}

export interface IssueEdit {
  title?: string;
  body?: string;
  state?: "open" | "closed";
}

export interface Tracker {
  /** Every issue the bot opened in the repository, open or closed, pull requests excluded. */
  listBotIssues(): Promise<TrackerIssue[]>;
  getIssue(number: number): Promise<TrackerIssue>;
  /** Opens an issue with labels given by name (created in the repository when missing). */
  createIssue(issue: { title: string; body: string; labels: string[] }): Promise<TrackerIssue>;
  editIssue(number: number, edit: IssueEdit): Promise<void>;
  /** Sets the issue's labels to `keep` (IDs it has) plus `add` (names) in one call. */
  replaceLabels(number: number, keep: number[], add: string[]): Promise<void>;
  comment(number: number, body: string): Promise<void>;
}
