import { fork } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { findServerBinaries, freePort, startCluster } from "../helpers/postgres-cluster.js";

const bin = findServerBinaries();

/** The throwaway cluster of test/helpers/postgres-global-setup.ts: it must never outlive a run, however it ends. */
describe.skipIf(!bin)("the PostgreSQL test cluster", () => {
  const cleanups: (() => unknown)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  it("starts on another port when its port is taken, and stop leaves neither a server nor its directory", async () => {
    const taken = await listening();
    cleanups.push(() => new Promise<void>((resolve) => taken.close(() => resolve())));
    const tried: number[] = [];
    const nextPort = async (): Promise<number> => {
      tried.push(tried.length === 0 ? portOf(taken) : await freePort());
      return tried.at(-1)!;
    };

    const cluster = await startCluster(bin!, nextPort);
    cleanups.push(cluster.stop);
    expect(tried).toHaveLength(2);
    expect(new URL(cluster.url).port).toBe(String(tried[1]));
    expect(await answers(cluster.url)).toBe(true);

    await cluster.stop();
    expect(existsSync(cluster.dir)).toBe(false);
    expect(await answers(cluster.url)).toBe(false);
  });

  it("goes away by itself when the process that started it is killed with SIGKILL", async () => {
    const owner = fork(fileURLToPath(new URL("./postgres-cluster-process.ts", import.meta.url)), [], { execArgv: ["--import", "tsx"] });
    cleanups.push(() => owner.kill("SIGKILL"));
    const [{ url, dir }] = (await once(owner, "message")) as [{ url: string; dir: string }];
    expect(await answers(url)).toBe(true);

    owner.kill("SIGKILL");
    await until(() => !existsSync(dir));
    expect(await answers(url)).toBe(false);
  });
});

function listening(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.destroy());
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (typeof address !== "object" || address === null) throw new Error("not listening");
  return address.port;
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
