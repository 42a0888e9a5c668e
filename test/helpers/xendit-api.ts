import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";
import { createXenditEmulator, type CallbackBody, type XenditEmulator, type XenditEmulatorOptions } from "../../src/emulators/xendit/index.js";

/** The Xendit emulator on its own, called over HTTP as our client would, with a receiver standing in for our webhook. */

export const SECRET = "xnd_development_secret";
export const TOKEN = "callback-token-123";

export function basic(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString("base64")}`;
}

export interface CallOptions {
  key?: string | null;
  signal?: AbortSignal;
  rawBody?: string;
  contentType?: string;
}

export async function call(
  x: XenditEmulator,
  method: string,
  path: string,
  body?: unknown,
  { key = SECRET, signal, rawBody, contentType = "application/json" }: CallOptions = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  // Payments API v3 wants it; the e-wallet charges API ignores it.
  const headers: Record<string, string> = { "api-version": "2024-11-11" };
  if (key !== null) headers.authorization = basic(key);
  const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined) headers["content-type"] = contentType;
  const response = await fetch(`${x.apiBase}${path}`, { method, headers, body: payload, signal });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}


interface Received {
  headers: IncomingHttpHeaders;
  body: CallbackBody;
}

/** Our side of a callback: records what arrives and answers the n-th call with `answer(n)`; null never answers. */
async function startReceiver(answer: (n: number) => number | null = () => 200) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as CallbackBody });
      const status = answer(received.length);
      if (status === null) return;
      res.statusCode = status;
      res.end();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/xendit`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

export async function emulator(options: Partial<XenditEmulatorOptions> = {}): Promise<XenditEmulator> {
  const x = await createXenditEmulator({
    secretKey: SECRET,
    callbackToken: TOKEN,
    callbackRetry: { attempts: 3, delayMs: 10 },
    ...options,
  });
  cleanups.push(() => x.close());
  return x;
}

export async function receiver(answer?: (n: number) => number | null) {
  const r = await startReceiver(answer);
  cleanups.push(r.close);
  return r;
}

