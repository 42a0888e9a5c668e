import type { Transformer } from "grammy";
import type { Pacer } from "../telegram/pacer.js";

/** The Bot API methods that put a message in a chat or change one: what Telegram's per-bot limit counts. */
const COUNTED = /^(send(?!ChatAction)|copyMessage|forwardMessage|editMessage)/;

/**
 * The bot's replies take their turn in the bot's budget like notifications and broadcast copies (src/app.ts), so
 * that a broadcast at the limit and the merchants' conversations together stay within it. A broadcast yields while a
 * reply is waiting (`waiting`), as it does for payment messages.
 */
export class RepliesWithinLimit {
  private waitingCalls = 0;

  constructor(private readonly limit: Pacer) {}

  readonly transformer: Transformer = async (prev, method, payload, signal) => {
    if (!COUNTED.test(method)) return prev(method, payload, signal);
    this.waitingCalls++;
    let slot;
    try {
      slot = await this.limit.take(signal);
    } finally {
      this.waitingCalls--;
    }
    // The caller aborted while it waited: the call is made with that signal, so it fails as grammY fails an aborted
    // call, without taking a turn of the limit.
    if (!slot) return prev(method, payload, signal);
    try {
      return await prev(method, payload, signal);
    } finally {
      slot.answered();
    }
  };

  waiting(): boolean {
    return this.waitingCalls > 0;
  }
}
