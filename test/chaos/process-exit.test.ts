/**
 * How the process ends when it must: a token Telegram revokes while polling stops `npm start` (src/main.ts) with
 * one line naming BOT_TOKEN; an error nothing caught is logged and the app stopped cleanly, never a silent death.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTelegramEmulator, type TelegramEmulator } from "../../src/emulators/telegram/index.js";
import { createXenditEmulator, type XenditEmulator } from "../../src/emulators/xendit/index.js";

const BOT_TOKEN = "123456:EXIT-TOKEN-abcdefghijklmnopqrstuvwxyz";

let tg: TelegramEmulator;
let xendit: XenditEmulator;
let dir: string;
let child: ChildProcess | undefined;

beforeEach(async () => {
  tg = await createTelegramEmulator();
  xendit = await createXenditEmulator({ secretKey: "xnd_development_exit_secret", callbackToken: "callback-token-for-exit" });
  dir = mkdtempSync(join(tmpdir(), "cp-exit-"));
});

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await Promise.all([tg.close(), xendit.close()]);
  rmSync(dir, { recursive: true, force: true });
});

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `script` with production-like settings; `onReady` gets the child once it reports ready over IPC. */
function run(script: string, onReady?: (child: ChildProcess) => void): Promise<Exit> {
  child = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
    execArgv: ["--import", "tsx"],
    env: {
      ...process.env,
      BOT_TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      XENDIT_API_BASE: xendit.apiBase,
      XENDIT_SECRET_KEY: "xnd_development_exit_secret",
      XENDIT_CALLBACK_TOKEN: "callback-token-for-exit",
      DATABASE_PATH: join(dir, "bot.sqlite"),
      PORT: "0",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const started = child;
  started.on("message", (message: { type?: string }) => {
    if (message.type === "ready") onReady?.(started);
  });
  return new Promise((resolve) => started.once("close", (code) => resolve({ code, stdout, stderr })));
}

const logLines = (stdout: string) =>
  stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as { level: number; msg: string; err?: { message: string } });

describe("the process ends", () => {
  it("with one line naming BOT_TOKEN when Telegram rejects the token while polling", async () => {
    tg.injectFault({ method: "getUpdates", status: 401, times: Infinity });
    const exit = await run("../../src/main.ts");
    expect(exit.code).toBe(1);
    expect(exit.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^BOT_TOKEN was rejected by Telegram/)]);
    expect(exit.stderr + exit.stdout).not.toContain(BOT_TOKEN);
    expect(logLines(exit.stdout).map((line) => line.msg)).toContain("stopped");
  });

  it("logging an unhandled rejection and stopping the app cleanly", async () => {
    const exit = await run("./app-process.ts", (ready) => ready.send("unhandled-rejection"));
    expect(exit.code).toBe(1);
    const lines = logLines(exit.stdout);
    const fatal = lines.find((line) => line.level === 60);
    expect(fatal).toMatchObject({ msg: "unhandled rejection: shutting down", err: { message: "a bug nobody caught" } });
    expect(lines.at(-1)?.msg).toBe("stopped");
  });
});
