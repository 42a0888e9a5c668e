/**
 * The production start: package.json's `build` script compiles to JavaScript and `start` runs it with plain node (no
 * tsx). Built once here, into a folder of its own below the project (the same layout as dist/, which a developer's
 * `npm start` may be using), and started from an empty working directory: locales, migrations and the playground's
 * files must come from the project root, never from beside the compiled file or from the current directory.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTelegramEmulator, type TelegramEmulator } from "../src/emulators/telegram/index.js";
import { createXenditEmulator, type XenditEmulator } from "../src/emulators/xendit/index.js";
import { onPostgres } from "./helpers/harness.js";
import { freshPostgresDatabase, type FreshDatabase } from "./helpers/postgres.js";

const root = process.cwd();
const { scripts } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
const SECRET_KEY = "xnd_development_production_start";
const CALLBACK_TOKEN = "callback-token-production-start";

let outDir: string;
let cwd: string | undefined;
let child: ChildProcess | undefined;

beforeAll(async () => {
  mkdirSync(join(root, "test-artifacts"), { recursive: true });
  outDir = mkdtempSync(join(root, "test-artifacts", "build-"));
  // The build script itself, told where to write.
  await promisify(execFile)("npm", ["run", "--silent", "build", "--", "--outDir", outDir], { cwd: root });
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }
  child = undefined;
  if (cwd) rmSync(cwd, { recursive: true, force: true });
  cwd = undefined;
});

/** The start script's node flags and entry file, the entry moved from dist/ to this build's folder. */
function startArgs(): string[] {
  const [node, ...args] = scripts.start!.trim().split(/\s+/);
  expect(node).toBe("node");
  const entry = args.pop()!;
  return [...args, join(outDir, relative("dist", entry))];
}

interface Started {
  /** Resolves with the first stdout line matching, or rejects when the process exits first or 15 s pass. */
  line(pattern: RegExp): Promise<string>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

function start(env: (dir: string) => Record<string, string>): Started {
  const dir = mkdtempSync(join(tmpdir(), "cp-production-start-"));
  cwd = dir;
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(BOT_TOKEN|TELEGRAM_|XENDIT_|PORT|DATABASE_|LOG_LEVEL|ADMIN_IDS|METRICS_)/.test(key)),
  );
  const started = spawn(process.execPath, startArgs(), { cwd: dir, env: { ...inherited, ...env(dir) }, stdio: ["ignore", "pipe", "pipe"] });
  child = started;
  let stdout = "";
  let stderr = "";
  started.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  started.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    started.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const find = () => stdout.split("\n").find((l) => pattern.test(l));
      const timer = setTimeout(() => done(new Error(`no line matching ${pattern} in 15 s; stdout: ${stdout}; stderr: ${stderr}`)), 15_000);
      const onData = () => {
        const found = find();
        if (found !== undefined) done(undefined, found);
      };
      const onExit = () => done(new Error(`exited before a line matching ${pattern}; stdout: ${stdout}; stderr: ${stderr}`));
      const done = (error?: Error, found?: string) => {
        clearTimeout(timer);
        started.stdout.off("data", onData);
        started.off("exit", onExit);
        if (error) reject(error);
        else resolve(found!);
      };
      started.stdout.on("data", onData);
      started.once("exit", onExit);
      onData();
    });
  return { line, exit, stderr: () => stderr };
}

function journalEntries(dialect: "sqlite" | "postgres"): number {
  const journal = JSON.parse(readFileSync(join(root, "db", dialect, "migrations", "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  return journal.entries.length;
}

async function migrationsApplied(database: string): Promise<number> {
  if (!database.startsWith("postgres")) {
    const sqlite = new Database(database, { readonly: true });
    try {
      return (sqlite.prepare("select count(*) as count from __drizzle_migrations").get() as { count: number }).count;
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: number }>('select count(*)::int as count from drizzle."__drizzle_migrations"');
    return rows[0]!.count;
  } finally {
    await client.end();
  }
}

describe("production start (compiled, plain node)", () => {
  let tg: TelegramEmulator;
  let xendit: XenditEmulator;
  let database: FreshDatabase | undefined;

  beforeAll(async () => {
    tg = await createTelegramEmulator();
    xendit = await createXenditEmulator({ secretKey: SECRET_KEY, callbackToken: CALLBACK_TOKEN });
  });

  afterAll(async () => {
    await Promise.all([tg.close(), xendit.close()]);
    await database?.drop();
  });

  it("npm start runs the compiled entry with node, without tsx", () => {
    expect(scripts.start).toMatch(/^node (--\S+ )*dist\/src\/main\.js$/);
    expect(scripts.start).not.toContain("tsx");
    expect(scripts.prepare).toBe("npm run build");
  });

  it("gets ready against the emulators, migrates a fresh database, answers /healthz and a chat in the merchant's language, and exits 0 on SIGTERM", async () => {
    database = onPostgres ? await freshPostgresDatabase() : undefined;
    const app = start((dir) => ({
      BOT_TOKEN: "123456:PRODUCTION-START-abcdefghijklmnop",
      TELEGRAM_API_ROOT: tg.apiRoot,
      XENDIT_API_BASE: xendit.apiBase,
      XENDIT_SECRET_KEY: SECRET_KEY,
      XENDIT_CALLBACK_TOKEN: CALLBACK_TOKEN,
      ...(database ? { DATABASE_URL: database.url } : { DATABASE_PATH: join(dir, "bot.sqlite") }),
      PORT: "0",
      LOG_LEVEL: "info",
    }));
    const ready = JSON.parse(await app.line(/"msg":"bot ready"/)) as { port: number };

    const health = await fetch(`http://127.0.0.1:${ready.port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, database: "ok" });
    // The reply is Fluent text from locales/: read from the project root by the compiled i18n.
    const sari = tg.createUser({ id: 91_001, first_name: "Sari" });
    await sari.sendText("/start");
    expect((await sari.waitForBotMessage((m) => m.text?.includes("Halo, Sari") ?? false, { timeoutMs: 10_000 })).text).toContain("Halo, Sari");

    child!.kill("SIGTERM");
    expect(await app.exit).toEqual({ code: 0, signal: null });
    expect(app.stderr()).toBe("");
    // Every migration of the dialect ran, read from db/<dialect>/migrations of the project.
    expect(await migrationsApplied(database?.url ?? join(cwd!, "bot.sqlite"))).toBe(journalEntries(database ? "postgres" : "sqlite"));
  }, 30_000);

  it.skipIf(onPostgres)("without BOT_TOKEN serves the playground's page and static files, and exits 0 on SIGTERM", async () => {
    const playground = start(() => ({ PORT: "0" }));
    const url = /at (http:\/\/localhost:\d+\/)$/.exec(await playground.line(/^BOT_TOKEN is not set: offline playground/))![1]!;
    const publicDir = join(root, "src", "playground", "public");

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(readFileSync(join(publicDir, "index.html"), "utf8"));
    const script = await fetch(new URL("app.js", url));
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    expect(await script.text()).toBe(readFileSync(join(publicDir, "app.js"), "utf8"));

    child!.kill("SIGTERM");
    expect(await playground.exit).toEqual({ code: 0, signal: null });
  }, 30_000);
});
