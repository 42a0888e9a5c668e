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
   * A PASSIVE checkpoint never waits for writers, and under a flood a write transaction is always open: SQLite starts
   * the WAL over only when a writer begins after a complete checkpoint, so it never does and the WAL keeps growing.
   * Past this many frames the thread asks for a RESTART instead: the app holds its writers back between two
   * transactions (pauseWriters) while the thread copies what was committed since its PASSIVE one, and the next
   * writer starts the WAL over. Measured under the webhook load: the WAL stays at ~30 MB, and a RESTART holds the
   * writers 3–13 ms once a second with the event loop free (a TRUNCATE once the WAL had grown to 100 MB, as before,
   * held them ~50 ms every 4 s, the event loop frozen in the writer's busy wait).
   */
  restartAfterFrames: number;
  /** How long a RESTART waits for readers (every writer waits meanwhile): then it is tried again at the next turn. */
  restartWaitMs: number;
}

const DEFAULTS: CheckpointSettings = { startAtBytes: 4 * 1024 * 1024, everyMs: 1_000, restartAfterFrames: 1_000, restartWaitMs: 200 };

/**
 * The thread's code (CommonJS, evaluated): a connection of its own, checkpoints on a timer; "restart?" asks the app
 * for a moment without writers, "restart" is that moment (answered "restarted"), "stop" ends it.
 */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("busy_timeout = " + workerData.restartWaitMs);
// Busy: the next turn tries again. Anything else ends the thread, and the connection checkpoints by itself.
const checkpoint = (mode) => {
  try {
    return db.pragma("wal_checkpoint(" + mode + ")")[0];
  } catch (error) {
    if (error.code !== "SQLITE_BUSY") throw error;
  }
};
let asked = false;
const timer = setInterval(() => {
  if (asked) return;
  const result = checkpoint("PASSIVE");
  if (result && result.log > workerData.restartAfterFrames) {
    asked = true;
    parentPort.postMessage("restart?");
  }
}, workerData.everyMs);
parentPort.on("message", (message) => {
  if (message === "restart") {
    try {
      checkpoint("RESTART");
    } finally {
      asked = false;
      parentPort.postMessage("restarted");
    }
    return;
  }
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/** Runs `during` while no write transaction is open or begins (the database's own turn-taking). */
export type PauseWriters = (during: () => Promise<void>) => Promise<void>;

export interface Checkpoints {
  stop(): Promise<void>;
}

/**
 * Copies the WAL back into the database file on a thread of its own. SQLite's automatic checkpoint runs inside the
 * commit that takes the WAL past 1,000 pages, on the event loop: under a flood of callbacks it cost about a quarter
 * of their throughput (bench, webhook row). The app's connection has it off; the thread runs PASSIVE checkpoints,
 * which never block a writer, from the moment the WAL first reaches that size, so an idle bot starts no thread, and
 * a RESTART in a moment the app gives it without writers when the WAL has grown (see restartAfterFrames). If the
 * thread fails, the connection checkpoints by itself again.
 */
export function backgroundCheckpoints(
  path: string,
  connection: BetterSqlite3.Database,
  pauseWriters: PauseWriters,
  settings: CheckpointSettings = DEFAULTS,
): Checkpoints {
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
    thread.on("message", (message) => {
      if (message === "restart?") pauseWriters(() => restartIn(thread, exited)).catch(() => undefined);
    });
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

/** Has the thread restart the WAL; resolves once it has (or has ended). */
function restartIn(thread: Worker, exited: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const restarted = (message: unknown) => {
      if (message !== "restarted") return;
      thread.off("message", restarted);
      resolve();
    };
    thread.on("message", restarted);
    void exited.then(() => resolve());
    thread.postMessage("restart");
  });
}

function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}
