import type { NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import type { PgDatabase } from "drizzle-orm/pg-core";
import type * as schema from "../schema.js";

/** The pool-level database or an open transaction: the stores run on whichever they are bound to. */
export type Executor = PgDatabase<NodePgQueryResultHKT, typeof schema>;

/** What a store is bound to. */
export interface Bound {
  db: Executor;
  /**
   * Inside a transaction: reads that precede a write lock their row, and several statements of one method are
   * atomic already. Outside, each method is a step of its own (another connection of the pool may run between two
   * statements).
   */
  inTransaction: boolean;
}

/** Runs a method's statements atomically: in the open transaction, or in one of their own. */
export function atomic<T>({ db, inTransaction }: Bound, fn: (db: Executor) => Promise<T>): Promise<T> {
  return inTransaction ? fn(db) : db.transaction(fn);
}

/** The first row of a query, if any. */
export const firstOf = async <T>(rows: PromiseLike<T[]>): Promise<T | undefined> => (await rows)[0];

/** The row an insert or an update of a known row returned. */
export const returnedOf = async <T>(rows: PromiseLike<T[]>): Promise<T> => (await rows)[0]!;
