/** The real webhook server on a loopback port against the Gitea fake, with its log captured. */

import type { DeliveryHandlers } from "../../src/server/app.js";
import { createLogger } from "../../src/server/logger.js";
import { type RunningServer, type ServerDeps, startServer } from "../../src/server/start-server.js";
import type { IssueCommentPayload, IssuesPayload } from "../../src/service/webhook-payloads.js";
import { parseEnv, type Settings } from "../../src/settings/read-settings.js";
import { parseInline } from "../../src/sync/parse-cache.js";
import type { GiteaFake } from "../support/gitea-fake/index.js";
import {
  type DeliveryAnswer,
  type DeliveryOptions,
  postDelivery,
  signedDelivery,
} from "../support/webhooks.js";

export const SECRET = "whsec-7f3e9a-not-a-real-secret";
export const TOKEN = "deferbot-token";
export const REPO = "acme/widgets";
export const DOC = "docs/deferred-errors.md";

export interface LogRecord {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A pino destination that keeps every line. */
export class LogCapture {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
  records(): LogRecord[] {
    return this.lines.map((line) => JSON.parse(line) as LogRecord);
  }
  /** The outcome lines (queued, ignored, rejected, failed) of delivery `id`. */
  outcomesOf(id: string): LogRecord[] {
    return this.records().filter((record) => record.delivery === id && "outcome" in record);
  }
  text(): string {
    return this.lines.join("");
  }
}

/** Handlers that only record what they were given. */
export function recordingHandlers() {
  const calls: { comments: IssueCommentPayload[]; edits: IssuesPayload[] } = {
    comments: [],
    edits: [],
  };
  const handlers: DeliveryHandlers = {
    issueComment: async (_bot, payload) => {
      calls.comments.push(payload);
    },
    issuesEdited: async (_bot, payload) => {
      calls.edits.push(payload);
    },
  };
  return { calls, handlers };
}

export function serverSettings(fake: GiteaFake, overrides: Partial<Settings> = {}): Settings {
  const parsed = parseEnv(
    { GITEA_URL: fake.url, GITEA_TOKEN: TOKEN, WEBHOOK_SECRET: SECRET, LOG_LEVEL: "debug" },
    { requireSecret: true },
  );
  if (!parsed.ok) throw new Error(parsed.error);
  return { ...parsed.settings, host: "127.0.0.1", port: 0, ...overrides };
}

export interface BotServer {
  server: RunningServer;
  hookUrl: string;
  logs: LogCapture;
  send(
    event: string,
    payload: object | string,
    options?: DeliveryOptions & { secret?: string },
  ): Promise<DeliveryAnswer & { id: string }>;
}

export async function startBot(
  fake: GiteaFake,
  options: Partial<Omit<ServerDeps, "log">> & { settings?: Partial<Settings> } = {},
): Promise<BotServer> {
  const settings = serverSettings(fake, options.settings);
  const logs = new LogCapture();
  const { settings: _ignored, ...deps } = options;
  const server = await startServer(settings, {
    handlers: recordingHandlers().handlers,
    // The worker thread runs compiled JavaScript: tests from source parse inline unless they
    // pass a worker parser (test/server/parse-off-loop.test.ts does).
    parse: parseInline,
    ...deps,
    log: createLogger(settings.logLevel, logs),
  });
  const hookUrl = `${server.url}${settings.webhookPath}`;
  return {
    server,
    hookUrl,
    logs,
    send: async (event, payload, sendOptions = {}) => {
      const delivery = signedDelivery(event, payload, sendOptions.secret ?? SECRET, sendOptions);
      return { ...(await postDelivery(hookUrl, delivery)), id: delivery.id };
    },
  };
}
