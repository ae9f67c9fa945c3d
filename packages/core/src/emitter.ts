/** A small typed event emitter: `readonly changed = new Signal<[State]>()`. */
export class Signal<Args extends unknown[]> {
  #listeners = new Set<(...args: Args) => void>();
  on(fn: (...args: Args) => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }
  once(fn: (...args: Args) => void): () => void {
    const off = this.on((...args) => {
      off();
      fn(...args);
    });
    return off;
  }
  emit(...args: Args): void {
    for (const fn of [...this.#listeners]) fn(...args);
  }
  get size(): number {
    return this.#listeners.size;
  }
  clear(): void {
    this.#listeners.clear();
  }
}
