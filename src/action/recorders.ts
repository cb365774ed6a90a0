/**
 * What one `deferbot action` run did, collected while it runs: the bot's events (syncs, routing,
 * commands, suggestions) and the delivery work that failed (from the background runner).
 */
import type { DestinationStream } from "pino";
import { BackgroundWork } from "../server/background.js";
import type { Deferbot } from "../service/deferbot.js";
import type { DeferbotEvent } from "../service/events.js";

/** Every event the bot tells from now on. */
export function recordEvents(bot: Deferbot): DeferbotEvent[] {
  const events: DeferbotEvent[] = [];
  bot.events.on((event) => events.push(event));
  return events;
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

/** A pino destination that passes each line on to `write` (the run's stderr). */
export function lineDestination(write: (line: string) => void): DestinationStream {
  return { write: (line: string) => write(line.endsWith("\n") ? line : `${line}\n`) };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
