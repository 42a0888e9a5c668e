/**
 * Start-up to ready and idle RSS of the production start, exactly the command of package.json's `start` script
 * (`node <flags> dist/src/main.js`, built first with `npm run build` so the code measured is this tree's), against
 * local emulators, with a fresh database each time (migrations included). Ready = the "bot ready" log line; RSS =
 * VmRSS of that node process after 2 s idle. Baseline: the same node with the same flags starting a bare express
 * server.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTelegramEmulator } from "../src/emulators/telegram/index.js";
import { createXenditEmulator } from "../src/emulators/xendit/index.js";
import { BOT_TOKEN, CALLBACK_TOKEN, SECRET_KEY, median, root, sleep, startCommand } from "./lib.js";

export interface StartupBenchResult {
  runs: number;
  /** What was started: package.json's start script. */
  command: string;
  /** Median over the runs (the first run, with the OS's file cache possibly cold, is `firstReadyMs`). */
  readyMs: number;
  firstReadyMs: number;
  idleRssMb: number;
  baselineReadyMs: number;
  baselineRssMb: number;
}

interface Sample {
  readyMs: number;
  rssMb: number;
}

const BARE = `import("express").then(({ default: express }) => { express().listen(0, "127.0.0.1", () => console.log("bot ready")); });`;

function rssMbOf(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** Spawns node directly (not npm), so the pid is the one whose memory is read. */
async function sample(args: string[], env: Record<string, string>, idleMs: number): Promise<Sample> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const readyMs = await new Promise<number>((resolve, reject) => {
      let buffered = "";
      const timer = setTimeout(() => reject(new Error(`not ready within 30 s: ${stderr.slice(0, 500)}`)), 30_000);
      child.stdout.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        if (buffered.includes("bot ready")) {
          clearTimeout(timer);
          resolve(performance.now() - started);
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`exited with ${code} before ready: ${stderr.slice(0, 500)}`));
      });
    });
    child.stdout.resume();
    await sleep(idleMs);
    return { readyMs, rssMb: rssMbOf(child.pid!) };
  } finally {
    child.removeAllListeners("exit");
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, sleep(5_000)]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}

export async function runStartupBench({ runs = 3, idleMs = 2_000 } = {}): Promise<StartupBenchResult> {
  const { command, flags, entry } = startCommand();
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
  const tg = await createTelegramEmulator();
  const xendit = await createXenditEmulator({ secretKey: SECRET_KEY, callbackToken: CALLBACK_TOKEN });
  const dir = mkdtempSync(join(tmpdir(), "cp-bench-start-"));
  try {
    const app: Sample[] = [];
    const bare: Sample[] = [];
    for (let i = 0; i < runs; i++) {
      bare.push(await sample([...flags, "--eval", BARE], {}, idleMs));
      const env = {
        BOT_TOKEN,
        TELEGRAM_API_ROOT: tg.apiRoot,
        XENDIT_API_BASE: xendit.apiBase,
        XENDIT_SECRET_KEY: SECRET_KEY,
        XENDIT_CALLBACK_TOKEN: CALLBACK_TOKEN,
        DATABASE_PATH: join(dir, `run-${i}.sqlite`),
        PORT: "0",
        LOG_LEVEL: "info",
      };
      app.push(await sample([...flags, entry], env, idleMs));
    }
    return {
      runs,
      command,
      readyMs: median(app.map((s) => s.readyMs)),
      firstReadyMs: app[0]!.readyMs,
      idleRssMb: median(app.map((s) => s.rssMb)),
      baselineReadyMs: median(bare.map((s) => s.readyMs)),
      baselineRssMb: median(bare.map((s) => s.rssMb)),
    };
  } finally {
    await Promise.all([tg.close(), xendit.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
