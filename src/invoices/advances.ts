/**
 * Distinct strings whose advance is kept per font; the cache is simply emptied when full (like the layout cache).
 * Small: the labels of both locales fit, and what churns (names, numbers) then dies young instead of in the old heap.
 */
const LIMIT = 1_000;

/** `text`'s advance from `cache`, measured (and remembered) on a miss. */
export function cachedAdvance(cache: Map<string, number>, text: string, measure: () => number): number {
  let advance = cache.get(text);
  if (advance === undefined) {
    advance = measure();
    if (cache.size >= LIMIT) cache.clear();
    cache.set(text, advance);
  }
  return advance;
}
