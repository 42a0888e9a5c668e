import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";

/**
 * The connections of every Bot API client of one app, kept alive: a notification costs one round trip, not a TCP
 * (and TLS) handshake first. grammY would give each client its own process-wide agent that nobody closes; this one
 * is the app's, destroyed when it stops, so no socket to Telegram outlives it.
 */
export function telegramAgent(apiRoot: string): HttpAgent {
  return new URL(apiRoot).protocol === "https:" ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
}
