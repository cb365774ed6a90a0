/**
 * What one `deferbot action` run did, collected while it runs: the syncs (from the bot), the
 * delivery work that failed (from the background runner), and the log records (for the
 * delivery's outcome line, the commands handled, and any error the handlers logged and went on).
 */
import type { DestinationStream } from "pino";
import { BackgroundWork } from "../server/background.js";
import { ServedDeferbot } from "../server/served-bot.js";
import type { SyncRequest, SyncResult } from "../sync/sync-repository.js";
import { type SyncCounts, syncCounts } from "./sync-counts.js";

export interface RecordedSync {
  repo: string;
  sha: string | null;
  state: "success" | "failure" | "error";
  description: string;
  /** The issues it wrote (none for a sync that threw). */
  counts?: SyncCounts;
}

/** The server's bot, remembering each sync it ran (a sync that threw is state `error`). */
export class RecordingDeferbot extends ServedDeferbot {
  readonly syncs: RecordedSync[] = [];

  override async syncNow(
    fullName: string,
    request: SyncRequest,
    onProgress?: (done: number, total: number) => void,
  ): Promise<SyncResult> {
    try {
      const result = await super.syncNow(fullName, request, onProgress);
      if (!request.dryRun)
        this.syncs.push({
          repo: fullName,
          sha: result.sha,
          ...result.status,
          counts: syncCounts(result.outcomes),
        });
      return result;
    } catch (error) {
      this.syncs.push({
        repo: fullName,
        sha: request.sha ?? null,
        state: "error",
        description: messageOf(error),
      });
      throw error;
    }
  }
}

/** The server's background runner, remembering the tasks that failed. */
export class RecordingWork extends BackgroundWork {
  readonly failures: string[] = [];

  override run(fields: Record<string, unknown>, task: () => Promise<void>): void {
    super.run(fields, async () => {
      try {
        await task();
      } catch (error) {
        this.failures.push(messageOf(error));
        throw error;
      }
    });
  }
}

export interface LogRecord {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

/**
 * A pino destination that keeps every record and passes on those at `forwardFrom` or above
 * (the operator's LOG_LEVEL) to `forward`.
 */
export class LogRecorder implements DestinationStream {
  readonly records: LogRecord[] = [];

  constructor(
    private readonly forwardFrom: number,
    private readonly forward: (line: string) => void,
  ) {}

  write(line: string): void {
    let level = Number.POSITIVE_INFINITY;
    try {
      const record = JSON.parse(line) as LogRecord;
      this.records.push(record);
      level = record.level;
    } catch {
      // pino writes one JSON object per line; anything else is only passed on
    }
    if (level >= this.forwardFrom) this.forward(line.endsWith("\n") ? line : `${line}\n`);
  }

  /** Records at error level or above. */
  errors(): LogRecord[] {
    return this.records.filter((record) => record.level >= 50);
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
