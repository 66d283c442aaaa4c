/**
 * Resources that are not fresh: the first card that declares a creation
 * makes it (or finds it), every later card with the same declaration reuses
 * the response, and the run cleans it up once at the end.
 */
export class SharedFixtures {
  private readonly responses = new Map<string, Promise<unknown>>();

  /** The shared response for `key`, obtaining it with `make` the first time. */
  get(key: string, make: () => Promise<unknown>): Promise<unknown> {
    let p = this.responses.get(key);
    if (!p) {
      p = make();
      // A failed attempt is not cached: the next card may try again.
      p.catch(() => this.responses.delete(key));
      this.responses.set(key, p);
    }
    return p;
  }
}
