// What several instances on one database agree on, in words free of any dialect. PostgreSQL implements them in
// db/postgres/ (leader.ts, chat-locks.ts, processed-updates.ts); SQLite, owned by one process, trivially or in
// db/sqlite/processed-updates.ts. docs/postgres.md ("Several instances") explains the choices.

/** A cluster-wide role (broadcast sender, poller) that at most one instance holds at a time. */
export interface LeaderLease {
  readonly name: string;
  /** Whether this instance holds the role now; check it before each unit of leader work. */
  held(): boolean;
  /** Called with every change of held(), in order. */
  onChange(listener: (held: boolean) => void): void;
  /** Gives the role up (another instance takes it) and stops trying. */
  stop(): Promise<void>;
}

/** SQLite: one process owns the file, so it holds every role from the start. */
export function alwaysLeader(name: string): LeaderLease {
  let held = true;
  const listeners: ((held: boolean) => void)[] = [];
  return {
    name,
    held: () => held,
    onChange: (listener) => void listeners.push(listener),
    stop() {
      if (held) {
        held = false;
        for (const listener of listeners) listener(false);
      }
      return Promise.resolve();
    },
  };
}

/** One chat's updates run one at a time, across every instance. */
export interface ChatLocks {
  /** Runs `fn` while holding the chat; rejects with ChatLockTimeout when the chat stays taken too long. */
  run<T>(chatId: number | string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The chat stayed locked by another update past the wait limit: the update fails, and Telegram sends it again. */
export class ChatLockTimeout extends Error {
  constructor(readonly chatId: number | string) {
    super(`chat ${chatId} stayed locked past the wait limit`);
    this.name = "ChatLockTimeout";
  }
}

/**
 * SQLite: one process serves the file, so a keyed mutex in memory. The bot's sequentialize middleware
 * (src/bot/index.ts) already orders one chat's updates inside bot.handleUpdate, but handleOnce checks and claims an
 * update outside it: two deliveries of one update at once would both pass the check without this.
 */
export function inProcessChatLocks(): ChatLocks {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(chatId, fn) {
      const key = String(chatId);
      const result = (tails.get(key) ?? Promise.resolve()).then(fn);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => tails.get(key) === tail && tails.delete(key));
      return result;
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Telegram update ids already handled, so that a redelivered update (same update_id, after a timeout or a crash)
 * is handled once.
 */
export interface ProcessedUpdates {
  /** Whether the update was recorded handled. */
  seen(updateId: number): Promise<boolean>;
  /** Records the update handled; false when it already was. */
  claim(updateId: number, now: Date): Promise<boolean>;
  /** Forgets updates handled before `before` (Telegram keeps an unanswered update for 24 hours); how many. */
  prune(before: Date): Promise<number>;
}

export interface OnceOptions {
  locks: ChatLocks;
  updates: ProcessedUpdates;
  now: () => Date;
}

/**
 * Handles an update unless it was handled already, inside its chat's lock. The claim is written when `handle`
 * has returned (the conversation's state is saved by then), not when it starts: a handler that crashes or throws
 * half-way leaves no claim, so Telegram's redelivery runs it again from the state saved before it, and what it did
 * meanwhile is idempotent (a top-up is found again by its request key). Claiming at the start would instead drop
 * the update for good on a crash. The window left is a crash between the conversation's save and the claim: the
 * update then runs twice; closing it means writing the claim in the save's own transaction.
 * The chat lock is what makes the check and the claim one step: a redelivery of the same update waits for it.
 * Resolves to whether `handle` ran.
 */
export async function handleOnce(
  options: OnceOptions,
  update: { updateId: number; chatKey: number | string },
  handle: () => Promise<void>,
): Promise<boolean> {
  return options.locks.run(update.chatKey, async () => {
    if (await options.updates.seen(update.updateId)) return false;
    await handle();
    await options.updates.claim(update.updateId, options.now());
    return true;
  });
}

/** This instance's side of the agreement, opened for its database's dialect (Database.coordination). */
export interface Coordination {
  /** Starts competing for the role `name`; stopped by close(). */
  lease(name: string): LeaderLease;
  readonly chatLocks: ChatLocks;
  readonly processedUpdates: ProcessedUpdates;
  /** Gives every role up (another instance takes over at once), then closes the chat locks. */
  close(): Promise<void>;
}

export interface CoordinationOptions {
  /** Longest a handler holds its chat (PostgreSQL): drainMs, long enough for a handler waiting on Xendit. */
  holdMs: number;
  /** Longest an update waits for its chat (PostgreSQL) before ChatLockTimeout (default 10 s). */
  waitMs?: number;
  /** A lease's or the chat locks' connection failed, or a handler outlived holdMs: for the log; each recovers by itself. */
  onError: (error: Error, source: string) => void;
}

/** A Coordination over one dialect's parts: it keeps the leases it started, to give them up on close(). */
export function coordinationOf(parts: {
  startLease: (name: string) => LeaderLease;
  chatLocks: ChatLocks;
  processedUpdates: ProcessedUpdates;
}): Coordination {
  const leases: LeaderLease[] = [];
  return {
    lease(name) {
      const lease = parts.startLease(name);
      leases.push(lease);
      return lease;
    },
    chatLocks: parts.chatLocks,
    processedUpdates: parts.processedUpdates,
    async close() {
      await Promise.all(leases.splice(0).map((lease) => lease.stop()));
      await parts.chatLocks.close();
    },
  };
}
