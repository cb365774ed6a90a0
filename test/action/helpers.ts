/**
 * `deferbot action` the way a Gitea Actions job runs it: the event written to a file, the
 * runner's GITHUB_* variables, the bot user's token as DEFERBOT_TOKEN, against the Gitea fake.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { runAction } from "../../src/action/run-action.js";
import { issueCommentPayload, issuesPayload, pushPayload } from "../server/payloads.js";
import type { GiteaFake } from "../support/gitea-fake/index.js";

export const BOT_TOKEN = "deferbot-token";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `payload` (an object, or raw text) where the runner would; returns the path. */
export function writeEvent(payload: object | string): string {
  const dir = mkdtempSync(join(tmpdir(), "deferbot-action-"));
  dirs.push(dir);
  const path = join(dir, "event.json");
  writeFileSync(path, typeof payload === "string" ? payload : JSON.stringify(payload, null, 2));
  return path;
}

/** The variables act_runner sets for a job step, plus the bot token from a secret. */
export function actionsEnv(
  fake: GiteaFake,
  eventName: string,
  eventPath: string,
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    GITEA_ACTIONS: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_SERVER_URL: fake.url,
    GITHUB_REPOSITORY: "acme/widgets",
    DEFERBOT_TOKEN: BOT_TOKEN,
    LOG_LEVEL: "silent",
    ...overrides,
  };
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runWithEnv(env: Record<string, string | undefined>): Promise<ActionRun> {
  let stdout = "";
  let stderr = "";
  const code = await runAction({
    env,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** Runs `deferbot action` on `payload` as event `eventName`. */
export function runEvent(
  fake: GiteaFake,
  eventName: string,
  payload: object | string,
  overrides: Record<string, string | undefined> = {},
): Promise<ActionRun> {
  return runWithEnv(actionsEnv(fake, eventName, writeEvent(payload), overrides));
}

/**
 * A push payload as Gitea's Actions notifier writes it: like the webhook's, but without
 * `total_commits` (services/actions/notifier.go `PushCommits` never sets it).
 */
export function actionsPushPayload(options: Parameters<typeof pushPayload>[0]) {
  const { total_commits: _dropped, ...payload } = pushPayload(options);
  return payload;
}

/** An `issues` edited payload as the Actions notifier writes it: no `changes` at all. */
export function actionsIssueEditedPayload(options: {
  number: number;
  body: string;
  sender?: string;
}) {
  const { changes: _dropped, ...payload } = issuesPayload({
    action: "edited",
    ...options,
  }) as ReturnType<typeof issuesPayload> & { changes?: unknown };
  return payload;
}

export { issueCommentPayload };
