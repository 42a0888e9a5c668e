import type { z } from "zod";
import { z as zod } from "zod";
import { GatewayError } from "./gateway.js";

const errorBody = zod.object({ error_code: zod.string() }).partial();

/** Errors that prove nothing was made, and which of them are ours to fix (both APIs answer the same codes). */
const misconfiguredCodes = new Set(["INVALID_API_KEY", "REQUEST_FORBIDDEN_ERROR", "CALLBACK_URL_NOT_FOUND", "CHANNEL_NOT_ACTIVATED"]);

export interface XenditOptions {
  apiBase: string;
  secretKey: string;
  timeoutMs: number;
}

/**
 * One call to Xendit's API with the secret key, its answer parsed by `schema`. Failures come out as GatewayError:
 * no answer, a 5xx or an answer we cannot read is "uncertain" (the call may have taken effect).
 */
export class XenditHttp {
  private readonly authorization: string;

  constructor(private readonly options: XenditOptions) {
    this.authorization = `Basic ${Buffer.from(`${options.secretKey}:`).toString("base64")}`;
  }

  async call<T>(schema: z.ZodType<T>, method: "GET" | "POST", path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.options.apiBase}${path}`, {
        method,
        headers: { authorization: this.authorization, "content-type": "application/json", accept: "application/json", ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const code = error instanceof Error && error.name === "TimeoutError" ? "TIMEOUT" : "NETWORK_ERROR";
      throw new GatewayError("uncertain", code);
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (response.ok) {
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new GatewayError("uncertain", "INVALID_RESPONSE", response.status);
      return parsed.data;
    }
    throw toError(response.status, errorBody.safeParse(json).data?.error_code ?? `HTTP_${response.status}`);
  }
}

function toError(status: number, code: string): GatewayError {
  if (code === "CHANNEL_UNAVAILABLE") return new GatewayError("declined", code, status);
  if (status >= 500) return new GatewayError("uncertain", code, status);
  if (status === 401 || misconfiguredCodes.has(code)) return new GatewayError("misconfigured", code, status);
  return new GatewayError("declined", code, status);
}
