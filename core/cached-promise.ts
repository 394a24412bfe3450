// "Make it once, on first use; if making it failed, try again next time." What the app builds lazily (settings,
// adapters, the scenario library) goes through this, so a configuration fixed after a failed start is picked up by
// the next invocation instead of the cached rejection being served forever.

/** A getter that makes the promise on its first call and keeps it; a rejection is forgotten, not cached. */
export function cachePromise<T>(make: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () => {
    if (cached) return cached;
    const made = make();
    cached = made;
    made.catch(() => {
      if (cached === made) cached = undefined;
    });
    return made;
  };
}
