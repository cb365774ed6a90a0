/**
 * Work a delivery hands off. A task starts on `setImmediate`, i.e. after the webhook answer has
 * been written: @octokit/webhooks writes it in the promise chain that follows the handlers, so
 * no Gitea request of the task can precede the answer (Gitea gives up after 5 s, never retries).
 */
import type { Logger } from "pino";

export class BackgroundWork {
  readonly #tasks = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  /** Runs `task` after the current delivery is answered; a failure is logged with `fields`. */
  run(fields: Record<string, unknown>, task: () => Promise<void>): void {
    const started = new Promise<void>((resolve) => setImmediate(resolve));
    const done: Promise<void> = started
      .then(task)
      .catch((error: unknown) => {
        this.log.error({ ...fields, outcome: "failed", err: error }, "delivery work failed");
      })
      .finally(() => {
        this.#tasks.delete(done);
      });
    this.#tasks.add(done);
  }

  /** Tasks started and not finished. */
  get size(): number {
    return this.#tasks.size;
  }

  /** Resolves when no task is left (tasks started meanwhile are waited for too). */
  async idle(): Promise<void> {
    while (this.#tasks.size > 0) await Promise.allSettled([...this.#tasks]);
  }
}
