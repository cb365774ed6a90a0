/**
 * Runs tasks with the same key one after another, within one process. Two `edited` deliveries for
 * one issue (a tick, then another edit) would otherwise both see "no notice yet" and both comment.
 */
export class KeyedSerialiser {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}
