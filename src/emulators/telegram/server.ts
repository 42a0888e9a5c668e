import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dispatch, NO_ANSWER } from "./dispatch.js";
import { readRequestBody } from "./multipart.js";
import type { EmulatorState } from "./state.js";

const API_PATH = /^\/bot([^/]+)\/([^/]+)\/?$/;
const FILE_PATH = /^\/file\/bot([^/]+)\/(.+)$/;
/** How long close() lets in-flight calls finish before cutting connections. */
const CLOSE_GRACE_MS = 500;

/** The HTTP face of the emulator: Bot API calls and file downloads, as api.telegram.org serves them. */
export class EmulatorServer {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly server: Server;
  private root = "";
  private accepted = 0;

  private constructor(state: EmulatorState) {
    this.server = createServer((req, res) => this.track(handle(state, req, res)));
    this.server.on("connection", () => this.accepted++);
  }

  get connectionsAccepted(): number {
    return this.accepted;
  }

  static async start(state: EmulatorState, host: string, port: number): Promise<EmulatorServer> {
    const self = new EmulatorServer(state);
    await new Promise<void>((resolve, reject) => {
      self.server.once("error", reject);
      self.server.listen(port, host, () => {
        self.server.off("error", reject);
        resolve();
      });
    });
    const { port: actualPort } = self.server.address() as AddressInfo;
    self.root = `http://${displayHost(host)}:${actualPort}`;
    return self;
  }

  /** What grammY takes as `client.apiRoot`. */
  get apiRoot(): string {
    return this.root;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS))),
    ]);
    clearTimeout(timer);
    // Keep-alive sockets from the bot's HTTP agent would otherwise hold the server open.
    this.server.closeAllConnections();
    await closed;
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}

async function handle(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? "/", "http://emulator");
    const api = API_PATH.exec(url.pathname);
    const file = FILE_PATH.exec(url.pathname);
    if (api) await handleApi(state, req, res, url, api[1] ?? "", api[2] ?? "");
    else if (file) handleFile(state, res, decodeURIComponent(file[2] ?? ""));
    else sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
  } catch (error) {
    sendJson(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` });
  }
}

async function handleApi(
  state: EmulatorState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  token: string,
  method: string,
): Promise<void> {
  const disconnected = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) disconnected.abort();
  });
  const envelope = await dispatch(state, {
    token: decodeURIComponent(token),
    method,
    readBody: () => readRequestBody(req, url),
    signal: disconnected.signal,
  });
  if (envelope === NO_ANSWER) req.socket.destroy();
  else sendJson(res, envelope.ok ? 200 : envelope.error_code, envelope);
}

function handleFile(state: EmulatorState, res: ServerResponse, path: string): void {
  const file = state.files.atPath(path);
  if (!file) {
    sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    return;
  }
  res.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.bytes.length });
  res.end(file.bytes);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
  res.end(payload);
}

function displayHost(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}
