import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openPostgres } from "../../db/postgres/client.js";

/**
 * A throwaway PostgreSQL cluster for one test run. The server refuses to run as root, so as root it runs as the
 * `postgres` system user (Debian's package creates it; created here when missing).
 *
 * It lives exactly as long as the run: the shell below holds the other end of a pipe from this process, and when that
 * pipe closes — stop(), a crash or kill -9 of the runner alike — it stops the server and removes the directory. It is
 * passed with `sh -c` (not as a file) so the postgres user need not be able to read the checkout.
 */
const supervisor = String.raw`
set -u
bin=$1 dir=$2 port=$3
exec 3<&0  # a background job's stdin is /dev/null: keep the runner's pipe for the watcher
if ! "$bin/initdb" --pgdata="$dir/data" --username=postgres --auth=trust --encoding=UTF8 --no-locale \
    --no-sync --no-instructions >"$dir/initdb.log" 2>&1; then
  cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1
fi
# Durability off: the cluster dies with the run.
"$bin/postgres" -D "$dir/data" -h 127.0.0.1 -p "$port" -k "$dir" -c fsync=off -c synchronous_commit=off \
  -c full_page_writes=off -c autovacuum=off -c max_connections=200 >"$dir/postgres.log" 2>&1 &
server=$!
# Immediate shutdown, repeated: a background job starts with SIGQUIT ignored until the server sets its handler.
{ cat <&3 >/dev/null; : >"$dir/stopping"; while kill -QUIT "$server" 2>/dev/null; do sleep 0.1; done; } &
watcher=$!
wait "$server"
[ -e "$dir/stopping" ] || { cat "$dir/postgres.log" >&2; kill "$watcher"; }  # it did not start (a taken port)
rm -rf "$dir"
`;

export interface PostgresCluster {
  /** A superuser URL of the cluster's `postgres` database. */
  url: string;
  /** Where it lives; gone once it stopped. */
  dir: string;
  stop: () => Promise<void>;
}

/** A database with the schema migrated, copied by freshPostgresDatabase({ migrated: true }) instead of migrating each one. */
export const MIGRATED_TEMPLATE = "migrated_template";

export async function createMigratedTemplate(clusterUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`create database ${MIGRATED_TEMPLATE}`);
  } finally {
    await client.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${MIGRATED_TEMPLATE}`;
  const migrated = await openPostgres(url.href, { onError: () => {} });
  await migrated.close();
}

/** CI must run the PostgreSQL suites: there a missing server fails the run instead of skipping them. */
export const isCi = (): boolean => !["", "0", "false"].includes(process.env.CI ?? "");

/** The newest Debian server binaries (/usr/lib/postgresql/<version>/bin), if installed. */
export function findServerBinaries(): string | undefined {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((version) => existsSync(join(root, version, "bin", "postgres"))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return newest === undefined ? undefined : join(root, newest, "bin");
}

export async function startCluster(bin: string, nextPort = freePort): Promise<PostgresCluster> {
  const owner = serverUser();
  // A free port can be taken between asking and binding (by another run, or a stale server): then try another.
  for (let attempt = 1; ; attempt++) {
    const port = await nextPort();
    const dir = mkdtempSync(join(tmpdir(), "coin-premium-pg-"));
    if (owner) chownSync(dir, owner.uid, owner.gid);
    const child = spawn("sh", ["-c", supervisor, "sh", bin, dir, String(port)], {
      cwd: dir,
      env: { PATH: process.env.PATH, LC_ALL: "C" },
      ...owner,
      // Its own process group: a Ctrl-C meant for vitest must not kill the shell before it cleans up.
      detached: true,
      stdio: ["pipe", "ignore", "pipe"],
    });
    const cluster = { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dir, stop: () => stop(child, dir) };
    const started = await untilReady(cluster, child);
    if (started.ok) return cluster;
    await cluster.stop();
    if (!started.log.includes("Address already in use") || attempt === 3) {
      throw new Error(`PostgreSQL test cluster did not start:\n${started.log}`);
    }
  }
}

interface Owner {
  uid: number;
  gid: number;
}

function serverUser(): Owner | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string): number => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    id("-u");
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
  }
  return { uid: id("-u"), gid: id("-g") };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

type Started = { ok: true } | { ok: false; log: string };

/** Connects until our server answers (not another one on the port), or reports what it said if it exits first. */
async function untilReady(cluster: PostgresCluster, child: ChildProcess, timeoutMs = 30_000): Promise<Started> {
  let log = "";
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (log += chunk));
  const exited = new Promise<Started>((resolve) => child.once("exit", () => resolve({ ok: false, log })));
  const deadline = Date.now() + timeoutMs;
  const connected = (async (): Promise<Started> => {
    while (child.exitCode === null && child.signalCode === null) {
      if (await answers(cluster)) return { ok: true };
      if (Date.now() > deadline) return { ok: false, log: `${log}\nnot ready after ${timeoutMs} ms` };
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return exited;
  })();
  return Promise.race([connected, exited]);
}

async function answers({ url, dir }: PostgresCluster): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ data: string }>("select current_setting('data_directory') as data");
    return rows[0]?.data === join(dir, "data");
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Closes the pipe (the shell stops the server and removes the directory) and waits; a hung one is killed. */
async function stop(child: ChildProcess, dir: string): Promise<void> {
  const running = child.exitCode === null && child.signalCode === null;
  const exited = running ? new Promise((resolve) => child.once("exit", resolve)) : Promise.resolve();
  child.stdin!.end();
  const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
  if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
}
