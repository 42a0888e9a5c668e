import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";

/**
 * The connections of every Bot API client of one app: kept alive, so a notification costs one round trip instead of
 * a TCP (and TLS) handshake and a round trip. node-fetch v2, grammY's fetch on Node, sends `Connection: close` when
 * it has no agent; grammY's own default agent would do, but is shared by the whole process and never closed. This
 * one is the app's: destroyed when it stops, so no idle socket to Telegram outlives it.
 */
export function telegramAgent(apiRoot: string): HttpAgent {
  return new URL(apiRoot).protocol === "https:" ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
}
