import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Server } from "node:http";
import { CallbackSender, callbackBody, mergeDeep } from "./callbacks.js";
import { ChargeStore, EXPIRED_FAILURE_CODE, InvalidTransitionError } from "./charges.js";
import { errorReply, type ApiReply } from "./errors.js";
import { FaultQueue, HungRequests } from "./faults.js";
import { createApi, startServer, stopServer, type ChargesBackend } from "./server.js";
import { TEST_MODE_SETTLE_DELAY_MS, testModeOutcome } from "./test-mode.js";
import type {
  CallbackBody,
  Charge,
  ChargeAmendment,
  DeepPartial,
  Delivery,
  DuplicateReferencePolicy,
  FaultSpec,
  RequestLogEntry,
  XenditEmulatorEvents,
  XenditEmulatorOptions,
} from "./types.js";
import type { CreateChargeInput } from "./validation.js";

const DEFAULT_RETRY = { attempts: 6, delayMs: 200 };
const DEFAULT_CALLBACK_TIMEOUT_MS = 30_000;
const DEFAULT_EXPIRE_AFTER_MS = 60_000;

export interface SendCallbackOptions {
  overrides?: DeepPartial<CallbackBody>;
  /** A wrong token forges the callback. */
  token?: string;
}

/**
 * Xendit's OVO charges API plus the OVO app's side of it (pay, reject, expire) and the faults
 * that matter to our client. Everything handed out is a copy, so tests cannot change state behind its back.
 */
export class XenditEmulator extends EventEmitter<XenditEmulatorEvents> {
  readonly businessId: string;
  /** Every callback POST, retries included, in order. */
  readonly deliveries: Delivery[] = [];
  readonly requests: RequestLogEntry[] = [];
  /** Xendit's handling of a repeated reference_id is unconfirmed; "accept" lets tests prove we never send one. */
  duplicateReferencePolicy: DuplicateReferencePolicy = "accept";

  private callbackUrl: string | null;
  private readonly now: () => Date;
  private readonly testModeAmounts: boolean;
  private readonly store: ChargeStore;
  private readonly sender: CallbackSender;
  private readonly faults = new FaultQueue();
  private readonly hung = new HungRequests();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | undefined;
  private base = "";
  private closing: Promise<void> | undefined;

  static async start(options: XenditEmulatorOptions): Promise<XenditEmulator> {
    const emulator = new XenditEmulator(options);
    const app = createApi({
      secretKey: options.secretKey,
      backend: emulator.backend(),
      faults: emulator.faults,
      hung: emulator.hung,
      requests: emulator.requests,
      now: emulator.now,
    });
    const { server, apiBase } = await startServer(app, options.port ?? 0, options.host ?? "127.0.0.1");
    emulator.server = server;
    emulator.base = apiBase;
    return emulator;
  }

  private constructor(options: XenditEmulatorOptions) {
    super();
    this.now = options.now ?? (() => new Date());
    this.businessId = options.businessId ?? randomBytes(12).toString("hex");
    this.callbackUrl = options.callbackUrl ?? null;
    this.testModeAmounts = options.testModeAmounts ?? false;
    this.store = new ChargeStore({
      businessId: this.businessId,
      now: this.now,
      expireAfterMs: options.expireAfterMs === undefined ? DEFAULT_EXPIRE_AFTER_MS : options.expireAfterMs,
      onChange: (kind, charge) => this.emit(kind === "created" ? "charge.created" : "charge.updated", structuredClone(charge)),
    });
    this.sender = new CallbackSender({
      token: options.callbackToken,
      retry: options.callbackRetry ?? DEFAULT_RETRY,
      timeoutMs: options.callbackTimeoutMs ?? DEFAULT_CALLBACK_TIMEOUT_MS,
      now: this.now,
      onDelivery: (delivery) => this.recordDelivery(delivery),
    });
  }

  /** e.g. "http://127.0.0.1:41234"; the client calls `${apiBase}/ewallets/charges`. */
  get apiBase(): string {
    return this.base;
  }

  setCallbackUrl(url: string | null): void {
    this.callbackUrl = url;
  }

  charges(): Charge[] {
    return structuredClone(this.store.all());
  }

  charge(idOrReferenceId: string): Charge | undefined {
    const charge = this.store.find(idOrReferenceId);
    return charge && structuredClone(charge);
  }

  /**
   * The user tapped Bayar. Resolves with the last callback attempt (null without a callback URL, or with
   * `callback: false`: a callback that never came, so only a status check can learn of the payment).
   */
  async pay(idOrReferenceId: string, { callback = true }: { callback?: boolean } = {}): Promise<Delivery | null> {
    const charge = this.mustFind(idOrReferenceId);
    this.store.succeed(charge);
    return callback ? this.notify(charge) : null;
  }

  /** The user tapped Tolak, or the wallet refused the payment for `failureCode`. */
  async reject(idOrReferenceId: string, failureCode = "USER_DECLINED_PAYMENT"): Promise<Delivery | null> {
    const charge = this.mustFind(idOrReferenceId);
    this.store.fail(charge, failureCode);
    return this.notify(charge);
  }

  /** The push was ignored. Whether Xendit sends a callback for that is unconfirmed, hence opt-in. */
  async expire(idOrReferenceId: string, { callback = false }: { callback?: boolean } = {}): Promise<Delivery | null> {
    const charge = this.mustFind(idOrReferenceId);
    this.store.fail(charge, EXPIRED_FAILURE_CODE);
    return callback ? this.notify(charge) : null;
  }

  /**
   * Xendit's books change without a word to us (no callback): a paid charge captured for another amount, voided or
   * refunded, a failed one paid after all. What reconciliation exists to find; a GET then answers the new state.
   */
  amend(idOrReferenceId: string, patch: ChargeAmendment): Charge {
    const charge = this.mustFind(idOrReferenceId);
    this.store.amend(charge, patch);
    return structuredClone(charge);
  }

  /**
   * One callback POST for the charge's current state, optionally altered or signed with another token: for
   * duplicate, out-of-order and forged deliveries. Not retried, so the receiver's answer is what comes back.
   */
  async sendCallback(idOrReferenceId: string, { overrides, token }: SendCallbackOptions = {}): Promise<Delivery> {
    const charge = this.mustFind(idOrReferenceId);
    if (this.callbackUrl === null) throw new Error("sendCallback needs a callback URL: pass callbackUrl or call setCallbackUrl()");
    const delivery = await this.notify(charge, { overrides, token, attempts: 1 });
    if (!delivery) throw new Error("the emulator is closed");
    return delivery;
  }

  injectFault(spec: FaultSpec): void {
    this.faults.inject(spec);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Hung requests end with a dropped connection, as a lost response would. */
  releaseHung(): void {
    this.hung.releaseAll();
  }

  /** Stops timers and callback retries, drops hung and idle connections. Safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.sender.close();
    this.hung.releaseAll();
    if (this.server) await stopServer(this.server);
  }

  private backend(): ChargesBackend {
    return {
      createCharge: (input) => this.createCharge(input),
      getCharge: (id) => {
        const charge = this.store.byId(id);
        return charge ? { status: 200, body: structuredClone(charge) } : notFound(id);
      },
      voidCharge: (id) => {
        const charge = this.store.byId(id);
        if (!charge) return notFound(id);
        if (charge.status !== "SUCCEEDED") {
          return errorReply(400, "API_VALIDATION_ERROR", `Charge is ${charge.status}; only SUCCEEDED charges can be voided`);
        }
        this.store.void(charge);
        return { status: 200, body: structuredClone(charge) };
      },
    };
  }

  private createCharge(input: CreateChargeInput): ApiReply {
    const outcome = this.testModeAmounts ? testModeOutcome(input.amount) : undefined;
    if (outcome?.kind === "createError") return errorReply(outcome.status, outcome.errorCode, outcome.message);
    if (this.duplicateReferencePolicy === "reject" && this.store.hasReference(input.reference_id)) {
      return errorReply(400, "DUPLICATE_ERROR", `A charge with reference_id ${input.reference_id} already exists`);
    }
    const charge = this.store.create(input, this.callbackUrl);
    if (outcome) {
      this.later(() => (outcome.kind === "fail" ? this.reject(charge.id, outcome.failureCode) : this.pay(charge.id)));
    }
    return { status: 202, body: structuredClone(charge) };
  }

  private later(settle: () => Promise<unknown>): void {
    if (this.closing) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      settle().catch((error: unknown) => {
        // A test may have settled the charge by hand in the meantime; that is not an error.
        if (!(error instanceof InvalidTransitionError)) throw error;
      });
    }, TEST_MODE_SETTLE_DELAY_MS);
    this.timers.add(timer);
  }

  private async notify(
    charge: Charge,
    { overrides, token, attempts }: SendCallbackOptions & { attempts?: number } = {},
  ): Promise<Delivery | null> {
    if (this.callbackUrl === null) return null;
    const body = mergeDeep<CallbackBody>(callbackBody(charge, this.businessId, this.now()), overrides);
    return this.sender.send(this.callbackUrl, charge.id, body, { token, attempts });
  }

  private recordDelivery(delivery: Delivery): void {
    this.deliveries.push(delivery);
    const charge = this.store.byId(delivery.chargeId);
    if (charge) this.emit("callback", structuredClone(charge), delivery);
  }

  private mustFind(idOrReferenceId: string): Charge {
    const charge = this.store.find(idOrReferenceId);
    if (!charge) throw new Error(`no charge with id or reference_id ${idOrReferenceId}`);
    return charge;
  }
}

function notFound(id: string): ApiReply {
  return errorReply(404, "DATA_NOT_FOUND", `Charge ${id} not found`);
}

export function createXenditEmulator(options: XenditEmulatorOptions): Promise<XenditEmulator> {
  return XenditEmulator.start(options);
}
