import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Update } from "grammy/types";

/** Hands the update to instance `target` (an index into `targets`); resolves with that instance's HTTP status. */
export type Forward = (target: number) => Promise<number>;

/** Where an update goes, and what the emulated Telegram is answered (the status). */
export type Route = (update: Update, forward: Forward) => Promise<number>;

export interface Answer {
  updateId: number;
  target: number;
  status: number;
  /** Date.now() when the instance answered. */
  at: number;
}

/**
 * A load balancer in front of several instances, as the tests need one: it is the webhook URL (PUBLIC_URL) they all
 * set, the Telegram emulator delivers each update to it, and `route` decides which instance gets it. By default the
 * first instance, waiting for its answer as Telegram does.
 */
export class TelegramFront {
  /** The instances' base URLs (http://127.0.0.1:port), in the order `forward` counts them. */
  targets: string[] = [];
  route: Route = (_update, forward) => forward(0);
  /** Every instance's answer, in the order they came. */
  readonly answers: Answer[] = [];

  private constructor(private readonly server: Server) {}

  static async start(): Promise<TelegramFront> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const front = new TelegramFront(server);
    server.on("request", (req, res) => {
      void front.deliver(req).then(
        (status) => res.writeHead(status).end(),
        () => res.writeHead(502).end(),
      );
    });
    return front;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async deliver(req: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const update = JSON.parse(body) as Update;
    const headers = { "content-type": "application/json", "x-telegram-bot-api-secret-token": req.headers["x-telegram-bot-api-secret-token"] as string };
    return this.route(update, async (target) => {
      const response = await fetch(`${this.targets[target]}${req.url}`, { method: "POST", headers, body });
      await response.arrayBuffer();
      this.answers.push({ updateId: update.update_id, target, status: response.status, at: Date.now() });
      return response.status;
    });
  }
}
