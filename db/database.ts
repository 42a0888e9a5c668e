import type { Coordination, CoordinationOptions } from "./coordination.js";
import type { TopupRow } from "./rows.js";
import type { Stores } from "./stores.js";

/** The stores of an open transaction; a savepoint inside it commits or rolls back on its own. */
export interface TransactionStores extends Stores {
  /**
   * Runs `fn` in a savepoint: when it throws, its changes are undone and the transaction goes on. Savepoints
   * started together run one after another; they do not nest.
   */
  savepoint<T>(fn: (stores: TransactionStores) => Promise<T>): Promise<T>;
}

/**
 * Reads of what is committed that never queue behind an open transaction: a callback repeating one already applied
 * is answered from such a read while the group commit of other callbacks holds the write lock.
 */
export interface CommittedReads {
  topupState(referenceId: string): Promise<TopupState | undefined>;
}

/** What a callback is first judged by (settlement-rules.ts: repeatOutcome, needsConfirmation): a narrow read. */
export type TopupState = Pick<TopupRow, "status" | "chargeId" | "amount" | "currency">;

/**
 * The domain's database: stores for single steps, a transaction for steps that commit together. A transaction
 * callback holds the write lock (SQLite) or a connection (PostgreSQL) until it returns: it must never wait for the
 * network (gateway, Telegram); fetch first, then open the transaction.
 */
export interface Database {
  readonly dialect: "sqlite" | "postgres";
  readonly stores: Stores;
  readonly committed: CommittedReads;
  transaction<T>(fn: (stores: TransactionStores) => Promise<T>): Promise<T>;
  /** Opens this instance's leases, chat locks and update records for the dialect (docs/postgres.md, "Several instances"). */
  coordination(options: CoordinationOptions): Coordination;
  /** A real round trip, for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
