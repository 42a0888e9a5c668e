import { openDatabase } from "../../db/open.js";

/** Pending top-ups with their charge ids, one per merchant, written through the stores. */
export class SeededTopups {
  constructor(
    readonly count: number,
    readonly firstMerchant: number,
  ) {}

  merchantId = (i: number) => this.firstMerchant + i;
  reference = (i: number) => `cp-chaos-${String(i).padStart(6, "0")}`;
  chargeId = (i: number) => `ewc_chaos_${String(i).padStart(6, "0")}`;
  amount = (i: number) => 50_000 + (i % 10) * 10_000;

  async write(databasePath: string, now: Date): Promise<void> {
    const database = await openDatabase({ databasePath });
    await database.transaction(async (s) => {
      for (let i = 0; i < this.count; i++) {
        const merchantId = this.merchantId(i);
        await s.merchants.register({ id: merchantId, chatId: merchantId, firstName: `Toko ${i}`, lastName: null, username: null, telegramLanguage: "id" }, now);
        const topup = await s.topups.create({
          referenceId: this.reference(i),
          requestKey: `chaos:${i}`,
          merchantId,
          amount: this.amount(i),
          phone: `+62813${String(i).padStart(7, "0")}`,
          createdAt: now,
          checkAt: new Date(now.getTime() + 3_600_000),
        });
        await s.topups.recordCharge(topup.id, this.chargeId(i), now);
      }
    });
    await database.close();
  }

  /** Xendit's `ewallet.capture` callback saying top-up i was paid. */
  callback(i: number, extra: Record<string, unknown> = {}): string {
    const at = new Date().toISOString();
    return JSON.stringify({
      event: "ewallet.capture",
      business_id: "chaos-business",
      created: at,
      data: {
        id: this.chargeId(i),
        reference_id: this.reference(i),
        status: "SUCCEEDED",
        currency: "IDR",
        charge_amount: this.amount(i),
        capture_amount: this.amount(i),
        channel_code: "ID_OVO",
        failure_code: null,
        created: at,
        updated: at,
        ...extra,
      },
    });
  }
}
