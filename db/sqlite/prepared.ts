import type { Db } from "./client.js";

/**
 * Builds a set of prepared queries once per database. drizzle otherwise assembles the SQL of a query on every
 * call, which was most of the CPU time of a payment callback. Queries prepared on a database run inside
 * whatever transaction is open on its connection (better-sqlite3 is synchronous).
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let queries = cache.get(db);
    if (queries === undefined) {
      queries = build(db);
      cache.set(db, queries);
    }
    return queries;
  };
}
