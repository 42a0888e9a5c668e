/** Helpers shared by the benchmark rows: statistics, a load generator and child processes. */
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Pool } from "undici";

export const root = fileURLToPath(new URL("..", import.meta.url));

/** `npm start`'s command line without its leading `node`: the node flags, then the entry file. */
export function startCommand(): { command: string; flags: string[]; entry: string } {
  const { scripts } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: { start: string } };
  const [node, ...args] = scripts.start.trim().split(/\s+/);
  const entry = args.pop();
  if (node !== "node" || !entry?.endsWith(".js")) throw new Error(`the start script is not "node [flags] <file>.js": ${scripts.start}`);
  return { command: scripts.start, flags: args, entry };
}

/**
 * The Node.js flags of `npm start`: every process of the bench runs with them, so the app is measured as it runs.
 * BENCH_CPU_PROF=<dir> adds a V8 CPU profile of each, written there when it exits.
 */
const EXEC_ARGV = [...startCommand().flags, ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])];

let compiled = false;

/** A bench script compiled to plain JavaScript (tsconfig.bench.json, once per run), e.g. "server-process". */
function compiledScript(name: string): string {
  if (!compiled) {
    execFileSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.bench.json")], { stdio: "inherit" });
    compiled = true;
  }
  return join(root, "dist-bench", "bench", `${name}.js`);
}

/** Runs a compiled bench script in a process of its own, with `npm start`'s flags, and resolves with what it sends. */
export function runInOwnProcess<T>(name: string): Promise<T> {
  const child = fork(compiledScript(name), [], { cwd: root, execArgv: EXEC_ARGV, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return new Promise((resolve, reject) => {
    child.once("message", (message) => resolve(message as T));
    child.once("exit", (code) => reject(new Error(`bench/${name} exited with ${code} before sending its result`)));
  });
}

export const BOT_TOKEN = "123456:BENCH-TOKEN-abcdefghijklmnopqrstuvwxyz";
export const SECRET_KEY = "xnd_development_bench_secret";
export const CALLBACK_TOKEN = "callback-token-for-the-bench";

export function percentile(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const median = (values: ArrayLike<number>) => percentile(values, 50);

export interface LoadResult {
  requests: number;
  elapsedMs: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers by HTTP status (0: no answer). */
  statuses: Record<number, number>;
}

/**
 * Keep-alive connections to a server, for a warm-up and the load measured after it: Xendit keeps its connections
 * open, and undici opens a pool's connections one after another (~12 ms each under the load), so a fresh pool for
 * the measurement held its first 64 requests 0.2–0.7 s and made a third of a p99's 1 % out of connecting.
 */
export async function overKeepAlive<T>(origin: string, connections: number, use: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 4_000 });
  try {
    return await use(pool);
  } finally {
    await pool.close();
  }
}

/**
 * POSTs every body once over the pool's connections (`connections` requests in flight, each connection sending
 * its next request as soon as the previous answer arrived, like autocannon), and measures each request's latency.
 */
export async function postAll(
  pool: Pool,
  path: string,
  bodies: string[],
  { connections = 64, headers = {} }: { connections?: number; headers?: Record<string, string> } = {},
): Promise<{ result: LoadResult; statusOf: Int16Array }> {
  const latencies = new Float64Array(bodies.length);
  const statusOf = new Int16Array(bodies.length);
  const allHeaders = { "content-type": "application/json", ...headers };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (;;) {
        const i = next++;
        if (i >= bodies.length) return;
        const t0 = performance.now();
        try {
          const response = await pool.request({ path, method: "POST", headers: allHeaders, body: bodies[i] });
          await response.body.dump();
          statusOf[i] = response.statusCode;
        } catch {
          statusOf[i] = 0;
        }
        latencies[i] = performance.now() - t0;
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  const statuses: Record<number, number> = {};
  for (const status of statusOf) statuses[status] = (statuses[status] ?? 0) + 1;
  const result = {
    requests: bodies.length,
    elapsedMs,
    rps: (bodies.length / elapsedMs) * 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    statuses,
  };
  return { result, statusOf };
}

/**
 * POSTs the same body for `durationMs` over the pool's connections, `connections` in flight, each sending its next
 * request as soon as the previous answer arrived: a storm of one callback.
 */
export async function postFor(
  pool: Pool,
  path: string,
  body: string,
  { durationMs, connections, headers = {} }: { durationMs: number; connections: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  const allHeaders = { "content-type": "application/json", ...headers };
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        let status: number;
        try {
          const response = await pool.request({ path, method: "POST", headers: allHeaders, body });
          await response.body.dump();
          status = response.statusCode;
        } catch {
          status = 0;
        }
        latencies.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  return {
    requests: latencies.length,
    elapsedMs,
    rps: (latencies.length / elapsedMs) * 1000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    statuses,
  };
}

export interface ChildServer {
  child: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts bench/server-process.ts, compiled, in its own Node process, so the server under test has its own
 * event loop and the load generator does not steal it. Resolves once it reports its port.
 */
export function startChildServer(env: Record<string, string>): Promise<ChildServer> {
  const child = fork(compiledScript("server-process"), [], {
    cwd: root,
    execArgv: EXEC_ARGV,
    env: { ...process.env, ...env },
    // Its logs are written (the cost is real) but not kept, unless BENCH_SERVER_LOG=<file> asks for them.
    stdio: ["ignore", process.env.BENCH_SERVER_LOG ? openSync(process.env.BENCH_SERVER_LOG, "a") : "ignore", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server process did not start within 30 s")), 30_000);
    child.once("exit", (code) => reject(new Error(`the server process exited with ${code}`)));
    child.on("message", (message: { type?: string; port?: number }) => {
      if (message.type !== "ready" || typeof message.port !== "number") return;
      clearTimeout(timer);
      resolve({
        child,
        port: message.port,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.removeAllListeners("exit");
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      });
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) return false;
    await sleep(intervalMs);
  }
  return true;
}
