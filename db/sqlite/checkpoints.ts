import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type BetterSqlite3 from "better-sqlite3";

export interface CheckpointSettings {
  /** SQLite's automatic checkpoint runs once the WAL holds 1,000 pages (4 MB): the thread starts at that size. */
  startAtBytes: number;
  /** How often the WAL's size is looked at until then, and how often the thread checkpoints after. */
  everyMs: number;
  /**
   * A PASSIVE checkpoint never waits for writers, so under a flood that never pauses the WAL might not be caught up
   * at any moment and keep growing: past this many frames (~100 MB) a TRUNCATE waits for the writers and resets it.
   */
  truncateAfterFrames: number;
  /**
   * How long a TRUNCATE waits for readers. It blocks every writer meanwhile, and a writer gives up after its own
   * busy timeout (5 s): waiting as long as that, it made a flood's callbacks fail (bench: webhook row). It is
   * tried again at the next turn instead.
   */
  truncateWaitMs: number;
}

const DEFAULTS: CheckpointSettings = { startAtBytes: 4 * 1024 * 1024, everyMs: 1_000, truncateAfterFrames: 25_000, truncateWaitMs: 200 };

/** The thread's code (CommonJS, evaluated): a connection of its own, checkpoints on a timer, stopped by a message. */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("busy_timeout = " + workerData.truncateWaitMs);
const timer = setInterval(() => {
  try {
    const [result] = db.pragma("wal_checkpoint(PASSIVE)");
    if (result.log > workerData.truncateAfterFrames) db.pragma("wal_checkpoint(TRUNCATE)");
  } catch (error) {
    // Busy: the next turn tries again. Anything else ends the thread, and the connection checkpoints by itself.
    if (error.code !== "SQLITE_BUSY") throw error;
  }
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
export function backgroundCheckpoints(path: string, connection: BetterSqlite3.Database, settings: CheckpointSettings = DEFAULTS): Checkpoints {
  connection.pragma("wal_autocheckpoint = 0");
  let worker: Worker | undefined;
  let exited: Promise<unknown> = Promise.resolve();
  const fallBack = () => connection.open && connection.pragma("wal_autocheckpoint = 1000");
  const watch = setInterval(() => {
    if (walBytes(path) < settings.startAtBytes) return;
    clearInterval(watch);
    // A thread that cannot start (no memory for it, say) must not throw in a timer: the connection checkpoints instead.
    try {
      worker = startWorker(path, settings);
    } catch {
      fallBack();
      return;
    }
    worker.on("error", fallBack);
    const thread = worker;
    exited = new Promise((resolve) => thread.once("exit", resolve));
  }, settings.everyMs);
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

function startWorker(path: string, settings: CheckpointSettings): Worker {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER, { eval: true, workerData: { path, driver, ...settings } });
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
