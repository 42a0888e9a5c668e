import type { ResponseParameters } from "grammy/types";
import { ApiError, botBlocked, ConnectionDropped, Unanswered } from "./errors.js";
import type { Upload } from "./files.js";
import { findMethod } from "./methods/index.js";
import { Params } from "./params.js";
import type { EmulatorState } from "./state.js";
import type { ApiCall } from "./types.js";

export type Envelope =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: ResponseParameters };

/** dispatch's answer to a call that must get none: the server cuts the connection instead. */
export const NO_ANSWER = Symbol("no answer");

export interface ApiRequest {
  token: string;
  method: string;
  /** Reading the body is part of the call, so that a malformed request is answered and logged like any other. */
  readBody: () => Promise<{ params: Record<string, unknown>; uploads: ReadonlyMap<string, Upload> }>;
  signal: AbortSignal;
}

/** Runs one Bot API call: injected faults and blocks first, then the method; always logs, and answers unless a fault says not to. */
export async function dispatch(state: EmulatorState, request: ApiRequest): Promise<Envelope | typeof NO_ANSWER> {
  const at = Date.now();
  const entry = findMethod(request.method);
  const method = entry?.name ?? request.method;
  let params = new Params({});
  let envelope: Envelope | typeof NO_ANSWER;
  try {
    const body = await request.readBody();
    params = new Params(body.params);
    const chatId = chatIdOf(params);
    const fault = state.faults.take(method, chatId);
    if (fault instanceof Unanswered) await Promise.race([fault.released, aborted(request.signal)]);
    if (fault) throw fault instanceof Unanswered ? new ConnectionDropped() : fault;
    if (chatId !== undefined && state.chats.get(chatId)?.blocked) throw botBlocked();
    // Unknown methods succeed blindly so that a bot using something not emulated keeps running; the log shows them.
    const result = entry ? await entry.run({ state, params, uploads: body.uploads, signal: request.signal }) : true;
    envelope = { ok: true, result };
  } catch (error) {
    envelope = error instanceof ConnectionDropped ? NO_ANSWER : errorEnvelope(error);
  }
  if (state.responseDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, state.responseDelayMs));
  const call: ApiCall = {
    method,
    token: request.token,
    params: params.snapshot(),
    at,
    ...outcomeOf(envelope),
    ...(!entry && { unknown: true as const }),
  };
  state.calls.push(call);
  state.events.emit("call", call);
  return envelope;
}

function outcomeOf(envelope: Envelope | typeof NO_ANSWER): Pick<ApiCall, "ok" | "error_code" | "description"> {
  if (envelope === NO_ANSWER) return { ok: false, description: "connection dropped" };
  return envelope.ok ? { ok: true } : { ok: false, error_code: envelope.error_code, description: envelope.description };
}

export function errorEnvelope(error: unknown): Envelope {
  if (error instanceof ApiError) {
    return { ok: false, error_code: error.code, description: error.description, ...(error.parameters && { parameters: error.parameters }) };
  }
  const reason = error instanceof Error ? error.message : String(error);
  return { ok: false, error_code: 500, description: `Internal Server Error: ${reason}` };
}

function chatIdOf(params: Params): number | undefined {
  const value = params.raw("chat_id");
  const id = typeof value === "string" ? Number(value) : value;
  return typeof id === "number" && Number.isInteger(id) ? id : undefined;
}

/** Settles when the caller hung up (or the server is closing its connections). */
function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true })));
}
