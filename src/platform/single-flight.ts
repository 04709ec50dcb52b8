// Concurrent callers that want the same thing share one piece of work. The
// portal renders a page that is missing from the page cache once, however
// many visitors ask for it at that moment: right after a publish drops the
// home page, every visitor arriving during its rendering would otherwise
// render it again, each with its own database reads and memory.

export class SingleFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  /** The running work for `key`, or `work` started now; forgotten once it settles. */
  run(key: string, work: () => Promise<T>): Promise<T> {
    const running = this.running.get(key);
    if (running) return running;
    const started = work().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }

  /** Keys whose work is running. */
  get size(): number {
    return this.running.size;
  }
}
