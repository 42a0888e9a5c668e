import { ApiError, botBlocked, conflict, ConnectionDropped, tooManyRequests, Unanswered } from "./errors.js";
import type { Fault, FaultHandle } from "./types.js";

const DEFAULT_DESCRIPTION: Record<Exclude<Fault["status"], "network" | "hang">, string> = {
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
  /** Settles when the fault is removed: the calls it holds without an answer ("hang") are let go. */
  released: Promise<void>;
}

export class FaultInjector {
  private active: ActiveFault[] = [];
  /** Of every fault added, also those used up: their hanging calls wait for it. */
  private readonly releases = new Set<() => void>();

  add(fault: Fault): FaultHandle {
    let release!: () => void;
    const entry: ActiveFault = { fault, remaining: fault.times, released: new Promise<void>((resolve) => (release = resolve)) };
    this.active.push(entry);
    this.releases.add(release);
    return {
      get remaining() {
        return entry.remaining;
      },
      remove: () => {
        this.active = this.active.filter((e) => e !== entry);
        this.releases.delete(release);
        release();
      },
    };
  }

  clear(): void {
    this.active = [];
    for (const release of this.releases) release();
    this.releases.clear();
  }

  /** The error the next matching call must fail with, consuming one use of the first matching fault. */
  take(method: string, chatId: number | undefined): ApiError | ConnectionDropped | Unanswered | undefined {
    const entry = this.active.find((e) => e.remaining > 0 && matches(e.fault, method, chatId));
    if (!entry) return undefined;
    entry.remaining--;
    if (entry.remaining <= 0) this.active = this.active.filter((e) => e !== entry);
    return toError(entry.fault, entry.released);
  }
}

function matches(fault: Fault, method: string, chatId: number | undefined): boolean {
  if (fault.chatId !== undefined && fault.chatId !== chatId) return false;
  if (fault.method === undefined) return method !== "getUpdates";
  if (typeof fault.method === "string") return fault.method.toLowerCase() === method.toLowerCase();
  return method.search(fault.method) >= 0;
}

function toError(fault: Fault, released: Promise<void>): ApiError | ConnectionDropped | Unanswered {
  if (fault.status === "network") return new ConnectionDropped();
  if (fault.status === "hang") return new Unanswered(released);
  if (fault.status === 429) {
    const limited = tooManyRequests(fault.retryAfter ?? 1);
    return fault.description ? new ApiError(429, fault.description, limited.parameters) : limited;
  }
  return new ApiError(fault.status, fault.description ?? DEFAULT_DESCRIPTION[fault.status]);
}
