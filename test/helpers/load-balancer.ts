import { Agent, createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Sends a request to the backends with these indexes (comma-separated) instead of the next one in turn. */
export const TARGET_HEADER = "x-cluster-to";

export interface Backend {
  /** http://host:port; undefined while the instance is not started. */
  origin?: string;
  /** Whether it gets requests in turn: the health check's verdict, or a refused connection's. */
  healthy: boolean;
  failedChecks: number;
}

/** One forwarded request, for tests that want to know which instance served what. */
export interface Forwarded {
  backend: number;
  method: string;
  path: string;
  /** Date.now() when it was forwarded. */
  at: number;
  /** The backend's answer; 0 when it gave none (refused, reset). */
  status: number;
}

export interface LoadBalancerOptions {
  /**
   * GET this path on every backend every `healthEveryMs`: two failures in a row (no answer within 1 s, not 2xx)
   * take it out of turn, and so does a refused or reset connection. Without it every attached backend stays in turn.
   */
  healthPath?: string;
  healthEveryMs?: number;
  /** Keep a log of every forwarded request (`forwarded`). */
  record?: boolean;
}

type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

/**
 * A load balancer for tests, in front of several instances of the app under one URL: round robin over the healthy
 * backends, an active health check, and a refused or reset connection taking the backend out at once (as a
 * balancer's passive check does); such a request is answered 502, not retried elsewhere, as balancers do for a
 * POST, so the sender's own retry (Telegram's, Xendit's) is what reaches a survivor.
 *
 * A request with `x-cluster-to: 0,1` goes to exactly those backends, to all of them at the same moment: a delivery
 * that reaches two instances at once. The answer is the first that is not 2xx, else the first.
 */
export class LoadBalancer {
  readonly forwarded: Forwarded[] = [];
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });
  private next = 0;
  private healthTimer: NodeJS.Timeout | undefined;

  private readonly server: Server;

  private constructor(
    readonly backends: Backend[],
    private readonly options: LoadBalancerOptions,
  ) {
    // A sender that hangs up mid-request (an instance killed with -9 while it calls Telegram through its tap) is
    // owed no answer; left unhandled, its aborted body would fail the test run that killed it.
    this.server = createServer((req, res) => void this.handle(req, res).catch(() => res.destroy()));
    this.server.keepAliveTimeout = 5_000;
  }

  static async start(backendCount: number, options: LoadBalancerOptions = {}): Promise<LoadBalancer> {
    const balancer = new LoadBalancer(
      Array.from({ length: backendCount }, (): Backend => ({ healthy: false, failedChecks: 0 })),
      options,
    );
    await new Promise<void>((resolve) => balancer.server.listen(0, "127.0.0.1", resolve));
    if (options.healthPath) balancer.healthTimer = setInterval(() => void balancer.checkHealth(), options.healthEveryMs ?? 100);
    return balancer;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Points backend `index` at a (re)started instance, in turn at once. */
  attach(index: number, origin: string): void {
    this.backends[index] = { origin, healthy: true, failedChecks: 0 };
  }

  /** Takes backend `index` out (the instance is being stopped). */
  detach(index: number): void {
    this.backends[index] = { healthy: false, failedChecks: 0 };
  }

  async close(): Promise<void> {
    clearInterval(this.healthTimer);
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    this.agent.destroy();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const targets = this.targetsOf(req);
    if (targets.length === 0) {
      res.writeHead(503, { "content-type": "text/plain" }).end("no healthy backend");
      return;
    }
    const headers = withoutHopByHop(req.headers);
    delete headers[TARGET_HEADER];
    headers["content-length"] = String(body.length);
    const aborted = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) aborted.abort();
    });
    const answers = await Promise.all(targets.map((index) => this.forward(index, req.method ?? "GET", req.url ?? "/", headers, body, aborted.signal)));
    // A delivery sent to several counts as answered only when each answered 2xx: else the sender is told the failure.
    const answer = answers.find((a) => a.status < 200 || a.status >= 300) ?? answers[0]!;
    if (res.destroyed) return;
    if (answer.status === 0) res.writeHead(502, { "content-type": "text/plain" }).end("bad gateway");
    else res.writeHead(answer.status, { ...withoutHopByHop(answer.headers), "content-length": String(answer.body.length) }).end(answer.body);
  }

  private targetsOf(req: IncomingMessage): number[] {
    const chosen = req.headers[TARGET_HEADER];
    if (typeof chosen === "string") return chosen.split(",").map(Number);
    for (let tries = 0; tries < this.backends.length; tries++) {
      const index = this.next++ % this.backends.length;
      if (this.backends[index]!.healthy) return [index];
    }
    return [];
  }

  private forward(index: number, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer, signal: AbortSignal): Promise<Answer> {
    const backend = this.backends[index]!;
    const record: Forwarded = { backend: index, method, path, at: Date.now(), status: 0 };
    if (this.options.record) this.forwarded.push(record);
    if (!backend.origin) return Promise.resolve({ status: 0, headers: {}, body: Buffer.alloc(0) });
    const { hostname, port } = new URL(backend.origin);
    return new Promise((resolve) => {
      const failed = () => {
        // The instance is gone (refused) or went away mid-request (reset): out of turn until a check passes.
        if (this.options.healthPath && !signal.aborted && this.backends[index] === backend) backend.healthy = false;
        resolve({ status: 0, headers: {}, body: Buffer.alloc(0) });
      };
      const upstream = request({ host: hostname, port, method, path, headers: { ...headers, host: `${hostname}:${port}` }, agent: this.agent, signal }, (response) => {
        void readBody(response).then((answerBody) => {
          record.status = response.statusCode ?? 0;
          resolve({ status: record.status, headers: response.headers, body: answerBody });
        }, failed);
      });
      upstream.on("error", failed);
      upstream.end(body);
    });
  }

  private async checkHealth(): Promise<void> {
    await Promise.all(
      this.backends.map(async (backend) => {
        if (!backend.origin) return;
        const healthy = await fetch(`${backend.origin}${this.options.healthPath}`, { signal: AbortSignal.timeout(1_000) }).then(
          // A body cut off by a kill rejects its cancel(): the status was already the answer.
          (response) => (void response.body?.cancel().catch(() => undefined), response.ok),
          () => false,
        );
        // Two failed checks in a row, so that one slow answer under load does not take a live instance out.
        backend.failedChecks = healthy ? 0 : backend.failedChecks + 1;
        if (healthy || backend.failedChecks >= 2) backend.healthy = healthy;
      }),
    );
  }
}

const hopByHop = ["connection", "keep-alive", "transfer-encoding", "content-length"];

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const rest = { ...headers };
  for (const name of hopByHop) delete rest[name];
  return rest;
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
    stream.on("aborted", () => reject(new Error("aborted")));
  });
}
