import { ApiError, botBlocked, conflict, ConnectionDropped, tooManyRequests } from "./errors.js";
import type { Fault, FaultHandle } from "./types.js";

const DEFAULT_DESCRIPTION: Record<Exclude<Fault["status"], "network">, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: botBlocked().description,
  404: "Not Found",
  409: conflict("terminated by other getUpdates request; make sure that only one bot instance is running").description,
  429: "",
  500: "Internal Server Error",
  502: "Bad Gateway",
};

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

export class FaultInjector {
  private active: ActiveFault[] = [];

  add(fault: Fault): FaultHandle {
    const entry: ActiveFault = { fault, remaining: fault.times };
    this.active.push(entry);
    return {
      get remaining() {
        return entry.remaining;
      },
      remove: () => {
        this.active = this.active.filter((e) => e !== entry);
      },
    };
  }

  clear(): void {
    this.active = [];
  }

  /** The error the next matching call must fail with, consuming one use of the first matching fault. */
  take(method: string, chatId: number | undefined): ApiError | ConnectionDropped | undefined {
    const entry = this.active.find((e) => e.remaining > 0 && matches(e.fault, method, chatId));
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining <= 0) this.active = this.active.filter((e) => e !== entry);
    return toError(entry.fault);
  }
}

function matches(fault: Fault, method: string, chatId: number | undefined): boolean {
  if (fault.chatId !== undefined && fault.chatId !== chatId) return false;
  if (fault.method === undefined) return method !== "getUpdates";
  if (typeof fault.method === "string") return fault.method.toLowerCase() === method.toLowerCase();
  return method.search(fault.method) >= 0;
}

function toError(fault: Fault): ApiError | ConnectionDropped {
  if (fault.status === "network") return new ConnectionDropped();
  if (fault.status === 429) {
    const limited = tooManyRequests(fault.retryAfter ?? 1);
    return fault.description ? new ApiError(429, fault.description, limited.parameters) : limited;
  }
  return new ApiError(fault.status, fault.description ?? DEFAULT_DESCRIPTION[fault.status]);
}
