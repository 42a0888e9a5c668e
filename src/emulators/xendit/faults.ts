import type { IncomingMessage, ServerResponse } from "node:http";
import type { Charge, DeepPartial, FaultOp, FaultSpec, PaymentRequest } from "./types.js";

export type Fault =
  | { kind: "error"; status: number; errorCode?: string }
  | { kind: "hang" }
  | { kind: "createThenHang" }
  | { kind: "alter"; patch: DeepPartial<Charge> | DeepPartial<PaymentRequest> }
  | { kind: "delay"; ms: number };

interface QueuedFault {
  op: FaultOp;
  fault: Fault;
  remaining: number;
}

function toFault(spec: FaultSpec): Fault {
  const chosen = [spec.status !== undefined, spec.hang === true, spec.createThenHang === true, spec.alter !== undefined, spec.delayMs !== undefined].filter(Boolean).length;
  if (chosen !== 1) throw new Error("injectFault needs exactly one of status, hang, createThenHang, alter, delayMs");
  if (spec.createThenHang) {
    if (spec.op !== "create") throw new Error("createThenHang only applies to op 'create'");
    return { kind: "createThenHang" };
  }
  if (spec.alter) {
    if (spec.op !== "get") throw new Error("alter only applies to op 'get'");
    return { kind: "alter", patch: spec.alter };
  }
  if (spec.hang) return { kind: "hang" };
  if (spec.delayMs !== undefined) return { kind: "delay", ms: spec.delayMs };
  return { kind: "error", status: spec.status ?? 500, ...(spec.errorCode !== undefined && { errorCode: spec.errorCode }) };
}

/** Faults fire in injection order, each for `times` matching requests. */
export class FaultQueue {
  private queue: QueuedFault[] = [];

  inject(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error("injectFault times must be a positive integer");
    this.queue.push({ op: spec.op, fault: toFault(spec), remaining: times });
  }

  take(op: FaultOp): Fault | undefined {
    const queued = this.queue.find((candidate) => candidate.op === op);
    if (!queued) return undefined;
    queued.remaining -= 1;
    if (queued.remaining === 0) this.queue = this.queue.filter((candidate) => candidate !== queued);
    return queued.fault;
  }

  clear(): void {
    this.queue = [];
  }
}

/**
 * Requests the emulator decided never to answer. Releasing destroys their sockets: the client sees a reset,
 * exactly like a connection dropped mid-request, and nothing keeps the server from closing.
 */
export class HungRequests {
  private readonly held = new Set<IncomingMessage>();

  hold(request: IncomingMessage, response: ServerResponse): void {
    this.held.add(request);
    response.on("close", () => this.held.delete(request));
  }

  releaseAll(): void {
    for (const request of this.held) request.socket.destroy();
    this.held.clear();
  }
}
