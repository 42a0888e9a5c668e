import { randomBytes } from "node:crypto";
import { and, count, desc, eq, gte, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Logger } from "pino";
import { IMMEDIATE, type Db, type Tx } from "../../db/sqlite/client.js";
import { preparedPerDb } from "../../db/sqlite/prepared.js";
import type { TopupStatus } from "../../db/rows.js";
import { merchants, topups } from "../../db/sqlite/schema.js";
import type { Clock } from "../clock.js";
import { MAX_TOPUP, MIN_TOPUP } from "./amount.js";
import { maskPhone } from "./phone.js";
import { GatewayError, type Charge, type PaymentGateway } from "./gateway.js";

export type Topup = typeof topups.$inferSelect;

export const OPEN_STATUSES: TopupStatus[] = ["creating", "pending"];
const HOUR_MS = 3_600_000;

const queries = preparedPerDb((db) => ({
  byId: db.select().from(topups).where(eq(topups.id, sql.placeholder("id"))).prepare(),
}));

export type StartResult =
  | { kind: "pending"; topup: Topup }
  | { kind: "uncertain"; topup: Topup }
  | { kind: "declined"; topup: Topup; code: string }
  | { kind: "misconfigured"; topup: Topup }
  | { kind: "already_open"; topup: Topup }
  | { kind: "phone_limited" };

export interface StartRequest {
  merchantId: number;
  amount: number;
  phone: string;
  /** Same key, same top-up: a replayed or repeated request never makes a second charge. */
  requestKey: string;
  /** Telegram vouched that the number is the merchant's own (their shared contact): exempt from the ceiling across merchants. */
  ownNumber?: boolean;
}

export interface TopupServiceOptions {
  db: Db;
  gateway: PaymentGateway;
  clock: Clock;
  logger: Logger;
  /** When the process asks the gateway itself if no callback came. */
  checkAfterSeconds: number;
  /** Requests one merchant may send to one number per hour. */
  maxChargesPerPhonePerHour: number;
  /** Requests one number may get per hour from all merchants together, unless it is the merchant's own. */
  maxChargesPerPhonePerHourTotal: number;
}

/**
 * Starting a top-up (written before the gateway hears of it, never charged twice) and reading them back.
 * Settlement (settlement.ts) makes them final; PaymentChecks (payment-checks.ts) asks when callbacks are late.
 */
export class TopupService {
  constructor(private readonly options: TopupServiceOptions) {}

  private get db(): Db {
    return this.options.db;
  }

  async start(request: StartRequest): Promise<StartResult> {
    assertValidRequest(request);
    const reserved = this.reserve(request);
    if (reserved.kind !== "created") return reserved.result;
    const { topup } = reserved;
    const log = this.options.logger.child({ topupId: topup.id, reference: topup.referenceId });
    try {
      const charge = await this.options.gateway.createCharge({
        referenceId: topup.referenceId,
        amount: topup.amount,
        phone: topup.phone,
        merchantId: topup.merchantId,
      });
      log.info({ maskedPhone: maskPhone(topup.phone), amount: topup.amount }, "charge created");
      log.debug({ chargeId: charge.id }, "charge created: id");
      return { kind: "pending", topup: this.recordCharge(topup, charge) };
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      log.warn({ failure: error.failure, code: error.code, httpStatus: error.httpStatus }, "charge not created");
      if (error.failure === "uncertain") return { kind: "uncertain", topup };
      const failed = this.finish(topup.id, "creating", { status: "failed", failureCode: error.code });
      if (error.failure === "misconfigured") return { kind: "misconfigured", topup: failed ?? topup };
      return { kind: "declined", topup: failed ?? topup, code: error.code };
    }
  }

  /** Writes the top-up before the gateway hears of it, enforcing one open charge per merchant and the phone cap. */
  private reserve(request: StartRequest): { kind: "created"; topup: Topup } | { kind: "done"; result: StartResult } {
    const now = this.options.clock.now();
    return this.db.transaction((tx) => {
      const same = tx.select().from(topups).where(eq(topups.requestKey, request.requestKey)).get();
      if (same) return { kind: "done", result: replayResult(same) };
      // A top-up flagged for an operator (the gateway reported something we did not ask for) no longer blocks.
      const open = tx
        .select()
        .from(topups)
        .where(and(eq(topups.merchantId, request.merchantId), inArray(topups.status, OPEN_STATUSES), isNull(topups.flag)))
        .get();
      if (open) return { kind: "done", result: { kind: "already_open", topup: open } };
      if (this.phoneLimited(tx, request, now)) return { kind: "done", result: { kind: "phone_limited" } };
      tx.update(merchants).set({ lastPhone: request.phone }).where(eq(merchants.id, request.merchantId)).run();
      const topup = tx
        .insert(topups)
        .values({
          referenceId: newReference(now),
          requestKey: request.requestKey,
          merchantId: request.merchantId,
          amount: request.amount,
          phone: request.phone,
          status: "creating",
          createdAt: now,
          updatedAt: now,
          checkAt: new Date(now.getTime() + this.options.checkAfterSeconds * 1000),
        })
        .returning()
        .get();
      return { kind: "created", topup };
    }, IMMEDIATE);
  }

  /**
   * Typing a stranger's number uses up the typist's own allowance for it, not its owner's: the cap is per merchant
   * and number, with a higher ceiling per number across merchants that the owner's own shared number is exempt from.
   */
  private phoneLimited(tx: Tx, { merchantId, phone, ownNumber = false }: StartRequest, now: Date): boolean {
    const lastHour = and(eq(topups.phone, phone), gte(topups.createdAt, new Date(now.getTime() - HOUR_MS)));
    const requests = (where: SQL | undefined) => tx.select({ n: count() }).from(topups).where(where).get()?.n ?? 0;
    if (requests(and(lastHour, eq(topups.merchantId, merchantId))) >= this.options.maxChargesPerPhonePerHour) return true;
    return !ownNumber && requests(lastHour) >= this.options.maxChargesPerPhonePerHourTotal;
  }

  private recordCharge(topup: Topup, charge: Charge): Topup {
    const now = this.options.clock.now();
    return this.db.transaction((tx) => {
      // A callback may have beaten the response and settled the top-up already; keep what it did.
      tx.update(topups)
        .set({ chargeId: charge.id, updatedAt: now })
        .where(and(eq(topups.id, topup.id), isNull(topups.chargeId)))
        .run();
      tx.update(topups)
        .set({ status: "pending", updatedAt: now })
        .where(and(eq(topups.id, topup.id), eq(topups.status, "creating")))
        .run();
      return tx.select().from(topups).where(eq(topups.id, topup.id)).get()!;
    });
  }

  private finish(id: number, from: TopupStatus, fields: { status: TopupStatus; failureCode: string }): Topup | undefined {
    const now = this.options.clock.now();
    return this.db
      .update(topups)
      .set({ ...fields, finalizedAt: now, updatedAt: now, checkAt: null })
      .where(and(eq(topups.id, id), eq(topups.status, from)))
      .returning()
      .get();
  }

  /**
   * One page of the merchant's top-ups, newest first. A page number past the end (an old ▶ button after
   * nothing changed, or crafted callback data) gives the last page; `pages` is 0 when there are none.
   */
  history(merchantId: number, requestedPage: number, pageSize: number): { items: Topup[]; page: number; pages: number } {
    const mine = eq(topups.merchantId, merchantId);
    const total = this.db.select({ n: count() }).from(topups).where(mine).get()?.n ?? 0;
    const pages = Math.ceil(total / pageSize);
    const page = Math.min(Math.max(requestedPage, 0), Math.max(pages - 1, 0));
    const items = this.db
      .select()
      .from(topups)
      .where(mine)
      .orderBy(desc(topups.createdAt), desc(topups.id))
      .limit(pageSize)
      .offset(page * pageSize)
      .all();
    return { items, page, pages };
  }

  latest(merchantId: number): Topup | undefined {
    return this.db
      .select()
      .from(topups)
      .where(eq(topups.merchantId, merchantId))
      .orderBy(desc(topups.createdAt), desc(topups.id))
      .get();
  }

  openFor(merchantId: number): Topup[] {
    return this.db
      .select()
      .from(topups)
      .where(and(eq(topups.merchantId, merchantId), inArray(topups.status, OPEN_STATUSES)))
      .all();
  }

  get(topupId: number): Topup | undefined {
    return queries(this.db).byId.get({ id: topupId });
  }

  /** Only the owner gets their top-up: ids from callback data are user input. */
  findOwned(merchantId: number, topupId: number): Topup | undefined {
    return this.db
      .select()
      .from(topups)
      .where(and(eq(topups.id, topupId), eq(topups.merchantId, merchantId)))
      .get();
  }
}

/** The bot validates what merchants type; this guards the money path against any other caller. */
function assertValidRequest({ amount, phone }: StartRequest): void {
  if (!Number.isSafeInteger(amount) || amount < MIN_TOPUP || amount > MAX_TOPUP) throw new RangeError(`invalid top-up amount ${amount}`);
  if (!/^\+628\d{7,11}$/.test(phone)) throw new RangeError("invalid OVO number");
}

function replayResult(topup: Topup): StartResult {
  if (topup.status === "pending" || topup.status === "succeeded") return { kind: "pending", topup };
  if (topup.status === "creating") return { kind: "uncertain", topup };
  return { kind: "declined", topup, code: topup.failureCode ?? "UNKNOWN" };
}

function newReference(now: Date): string {
  const day = now.toISOString().slice(0, 10).replaceAll("-", "");
  return `cp-${day}-${randomBytes(6).toString("hex")}`;
}

