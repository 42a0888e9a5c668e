import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type BetterSqlite3 from "better-sqlite3";

/** SQLite's automatic checkpoint runs once the WAL holds 1,000 pages (4 MB): the thread starts at that size. */
const START_AT_BYTES = 4 * 1024 * 1024;
const WATCH_EVERY_MS = 1_000;
const CHECKPOINT_EVERY_MS = 1_000;
/**
 * A PASSIVE checkpoint never waits for writers, so under a flood that never pauses the WAL might not be caught up
 * at any moment and keep growing: past this many frames (~100 MB) a TRUNCATE waits for the writers once and resets it.
 */
const TRUNCATE_AFTER_FRAMES = 25_000;

/** The thread's code (CommonJS, evaluated): a connection of its own, checkpoints on a timer, stopped by a message. */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 5000");
const timer = setInterval(() => {
  const [result] = db.pragma("wal_checkpoint(PASSIVE)");
  if (result.log > workerData.truncateAfterFrames) db.pragma("wal_checkpoint(TRUNCATE)");
}, workerData.everyMs);
parentPort.once("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpoints {
  stop(): Promise<void>;
}

/**
 * Copies the WAL back into the database file on a thread of its own. SQLite's automatic checkpoint runs inside the
 * commit that takes the WAL past 1,000 pages, on the event loop: under a flood of callbacks it cost about a quarter
 * of their throughput (bench, webhook row). The app's connection has it off; the thread runs PASSIVE checkpoints,
 * which never block a writer, from the moment the WAL first reaches that size, so an idle bot starts no thread. If
 * the thread fails, the connection checkpoints by itself again.
 */
export function backgroundCheckpoints(path: string, connection: BetterSqlite3.Database): Checkpoints {
  connection.pragma("wal_autocheckpoint = 0");
  let worker: Worker | undefined;
  let exited: Promise<unknown> = Promise.resolve();
  const fallBack = () => connection.open && connection.pragma("wal_autocheckpoint = 1000");
  const watch = setInterval(() => {
    if (walBytes(path) < START_AT_BYTES) return;
    clearInterval(watch);
    // A thread that cannot start (no memory for it, say) must not throw in a timer: the connection checkpoints instead.
    try {
      worker = startWorker(path);
    } catch {
      fallBack();
      return;
    }
    worker.on("error", fallBack);
    const thread = worker;
    exited = new Promise((resolve) => thread.once("exit", resolve));
  }, WATCH_EVERY_MS);
  watch.unref();
  return {
    async stop() {
      clearInterval(watch);
      // Unreferenced while it runs (it must not keep a stopping process alive), waited for now.
      worker?.ref();
      worker?.postMessage("stop");
      await exited;
    },
  };
}

function startWorker(path: string): Worker {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER, { eval: true, workerData: { path, driver, everyMs: CHECKPOINT_EVERY_MS, truncateAfterFrames: TRUNCATE_AFTER_FRAMES } });
  worker.unref();
  return worker;
}

function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}
