import type { Update, WebhookInfo } from "grammy/types";
import type { UpdateQueue } from "./updates.js";

export interface WebhookConfig {
  url: string;
  secretToken?: string;
  maxConnections?: number;
}

const MAX_ATTEMPTS = 5;
const FIRST_RETRY_MS = 50;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Pushes queued updates to the bot's webhook one at a time, in order. A failing endpoint is retried a few times
 * with a short backoff and then skipped, so a broken test handler cannot wedge the emulator.
 */
export class WebhookDelivery {
  private config: WebhookConfig | undefined;
  private stopper = new AbortController();
  private loop: Promise<void> = Promise.resolve();
  private lastError: { date: number; message: string } | undefined;

  constructor(
    private readonly queue: UpdateQueue,
    private readonly nowSeconds: () => number,
  ) {}

  get active(): boolean {
    return this.config !== undefined;
  }

  async set(config: WebhookConfig): Promise<void> {
    await this.stop();
    this.config = config;
    this.lastError = undefined;
    this.stopper = new AbortController();
    this.loop = this.deliverAll(config, this.stopper.signal);
  }

  /** Stops delivering; waits for an in-flight request to be abandoned. */
  async stop(): Promise<void> {
    this.config = undefined;
    this.stopper.abort();
    await this.loop;
  }

  info(): WebhookInfo {
    return {
      url: this.config?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.queue.size,
      ...(this.config?.maxConnections !== undefined && { max_connections: this.config.maxConnections }),
      ...(this.lastError && { last_error_date: this.lastError.date, last_error_message: this.lastError.message }),
    };
  }

  private async deliverAll(config: WebhookConfig, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const [update] = this.queue.peek(1);
      if (!update) {
        await this.queue.waitForUpdate(Infinity, signal);
        continue;
      }
      await this.deliver(config, update, signal);
      if (!signal.aborted) this.queue.confirm(update.update_id + 1);
    }
  }

  private async deliver(config: WebhookConfig, update: Update, signal: AbortSignal): Promise<void> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS && !signal.aborted; attempt++) {
      if (attempt > 0) await sleep(FIRST_RETRY_MS * 2 ** (attempt - 1), signal);
      const failure = await this.post(config, update, signal);
      if (failure === undefined) return;
      this.lastError = { date: this.nowSeconds(), message: failure };
    }
  }

  /** Returns why the delivery failed, or undefined on a 2xx answer. */
  private async post(config: WebhookConfig, update: Update, signal: AbortSignal): Promise<string | undefined> {
    try {
      const response = await fetch(config.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(config.secretToken && { "X-Telegram-Bot-Api-Secret-Token": config.secretToken }),
        },
        body: JSON.stringify(update),
        signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
      });
      await response.arrayBuffer();
      return response.ok ? undefined : `Wrong response from the webhook: ${response.status} ${response.statusText}`;
    } catch (error) {
      return `Connection failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
