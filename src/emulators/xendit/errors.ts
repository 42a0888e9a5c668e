import type { XenditErrorBody } from "./types.js";

/** What the HTTP layer sends back: kept transport-free so the emulator's logic can be tested without express. */
export interface ApiReply {
  status: number;
  body: unknown;
}

export function errorReply(status: number, errorCode: string, message: string): ApiReply {
  const body: XenditErrorBody = { error_code: errorCode, message };
  return { status, body };
}

/** The code Xendit pairs with each status when a fault is injected without an explicit errorCode. */
export const DEFAULT_ERROR_CODES: Readonly<Record<number, string>> = {
  400: "API_VALIDATION_ERROR",
  401: "INVALID_API_KEY",
  403: "REQUEST_FORBIDDEN_ERROR",
  404: "DATA_NOT_FOUND",
  500: "SERVER_ERROR",
  503: "CHANNEL_UNAVAILABLE",
};
