import type { ResponseParameters } from "grammy/types";

/** A failure answered to the bot in Telegram's envelope; `description` is worded as Telegram words it. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
    this.name = "ApiError";
  }
}

export const badRequest = (reason: string): ApiError => new ApiError(400, `Bad Request: ${reason}`);

export const forbidden = (reason: string): ApiError => new ApiError(403, `Forbidden: ${reason}`);

export const conflict = (reason: string): ApiError => new ApiError(409, `Conflict: ${reason}`);

export const tooManyRequests = (retryAfter: number): ApiError =>
  new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });

export const chatNotFound = (): ApiError => badRequest("chat not found");

export const botBlocked = (): ApiError => forbidden("bot was blocked by the user");

/** Thrown instead of an ApiError when the call must get no answer at all: the server cuts the connection. */
export class ConnectionDropped extends Error {
  constructor() {
    super("connection dropped");
    this.name = "ConnectionDropped";
  }
}

/** Thrown for a call that gets no answer until `released` settles: then the server cuts the connection. */
export class Unanswered extends Error {
  constructor(readonly released: Promise<void>) {
    super("no answer");
    this.name = "Unanswered";
  }
}
