import { createHash } from "node:crypto";
import pg from "pg";
import { ChatLockTimeout, type ChatLocks } from "../coordination.js";

/** The first key of every chat lock's two-int advisory key: "chat" in ASCII. */
export const CHAT_LOCK_CLASS = 0x63686174;

/** 55P03, lock_not_available: lock_timeout ran out. */
const LOCK_NOT_AVAILABLE = "55P03";

export interface ChatLockOptions {
  /** The database's connection string; the locks get a small pool of their own. */
  url: string;
  /** Chats this instance may hold at once (default 10); one more waits for a connection, within waitMs. */
  connections?: number;
  /** Longest wait for a connection, then again for the chat, before ChatLockTimeout (default 10 s). */
  waitMs?: number;
  /** Longest a handler holds its chat: past it the lock is let go (its connection destroyed) and the next update runs. */
  holdMs: number;
  /** A pool or lock connection failed, or a handler outlived holdMs (the chat is free again): for the log. */
  onError: (error: Error) => void;
}

/** The second key of a chat's lock: 32 bits of a hash of its id. Two chats sharing one only wait for each other. */
export function chatKey(chatId: number | string): number {
  return createHash("sha256").update(String(chatId)).digest().readInt32BE();
}

/**
 * One chat at a time across instances: a session-level advisory lock on a connection held for the whole of `fn`
 * (the update's conversation load-run-save runs on other connections; a transaction-scoped lock would have to keep
 * a transaction open around all of it). The server frees a session lock when its session ends, so a crashed
 * instance, a terminated backend or a destroyed connection leaves no chat locked.
 */
export function postgresChatLocks(options: ChatLockOptions): ChatLocks {
  const waitMs = options.waitMs ?? 10_000;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.connections ?? 10,
    connectionTimeoutMillis: waitMs,
    lock_timeout: waitMs,
    keepAlive: true,
    application_name: "chat-locks",
  });
  pool.on("error", options.onError);

  const turn = localTurns();

  async function run<T>(chatId: number | string, fn: () => Promise<T>): Promise<T> {
    const handOver = await turn(chatId);
    try {
      return await runLocked(chatId, fn, handOver);
    } finally {
      handOver();
    }
  }

  async function runLocked<T>(chatId: number | string, fn: () => Promise<T>, handOver: () => void): Promise<T> {
    const client = await checkout(pool, chatId);
    const key = chatKey(chatId);
    const hold = holding(client, options.onError);
    try {
      await lock(client, chatId, key);
    } catch (error) {
      hold.release(true);
      throw error;
    }
    const limit = setTimeout(() => {
      hold.release(true);
      handOver();
      options.onError(new Error(`chat ${chatId}: handler still running after ${options.holdMs} ms; chat lock let go`));
    }, options.holdMs);
    try {
      return await fn();
    } finally {
      clearTimeout(limit);
      await unlock(hold, client, key);
    }
  }

  return { run, close: () => pool.end() };
}

/**
 * This instance's updates of one chat take the lock in the order they came (polling hands them over in order):
 * the server's lock queue cannot keep that order, since each waits on a connection of its own and the connections
 * arrive in any order. Resolves when the earlier ones have let the chat go; the caller hands over in turn.
 */
function localTurns(): (chatId: number | string) => Promise<() => void> {
  const tails = new Map<string, Promise<void>>();
  return async (chatId) => {
    const key = String(chatId);
    const previous = tails.get(key) ?? Promise.resolve();
    let handOver!: () => void;
    const released = new Promise<void>((resolve) => (handOver = resolve));
    tails.set(key, released);
    void released.then(() => tails.get(key) === released && tails.delete(key));
    await previous;
    return handOver;
  };
}

async function checkout(pool: pg.Pool, chatId: number | string): Promise<pg.PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    if ((error as Error).message.includes("timeout exceeded when trying to connect")) throw new ChatLockTimeout(chatId);
    throw error;
  }
}

async function lock(client: pg.PoolClient, chatId: number | string, key: number): Promise<void> {
  try {
    await client.query("select pg_advisory_lock($1, $2)", [CHAT_LOCK_CLASS, key]);
  } catch (error) {
    if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) throw new ChatLockTimeout(chatId);
    throw error;
  }
}

async function unlock(hold: Hold, client: pg.PoolClient, key: number): Promise<void> {
  if (hold.released) return;
  try {
    await client.query("select pg_advisory_unlock($1, $2)", [CHAT_LOCK_CLASS, key]);
    hold.release(false);
  } catch {
    // The session is broken or gone, and its lock with it.
    hold.release(true);
  }
}

interface Hold {
  readonly released: boolean;
  /** Back to the pool, or (destroy) closed: closing the session frees its lock. */
  release(destroy: boolean): void;
}

/** A checked-out client, released once; its connection's errors reach onError instead of ending the process. */
function holding(client: pg.PoolClient, onError: (error: Error) => void): Hold {
  // Checked out, the client is no longer covered by the pool's 'error' listener.
  client.on("error", onError);
  let released = false;
  return {
    get released() {
      return released;
    },
    release(destroy) {
      if (released) return;
      released = true;
      client.off("error", onError);
      client.release(destroy);
    },
  };
}
