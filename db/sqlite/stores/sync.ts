/** A store with the same methods answering synchronously: better-sqlite3 runs each statement to completion. */
export type Sync<T> = {
  [M in keyof T]: T[M] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};
