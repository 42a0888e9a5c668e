import { openDatabase } from "../../db/sqlite/client.js";
import { topups } from "../../db/sqlite/schema.js";
import { MerchantService } from "../../src/merchants/merchant-service.js";

/** Pending top-ups written straight into SQLite (merchants registered through the domain), one per merchant. */
export class SeededTopups {
  constructor(
    readonly count: number,
    readonly firstMerchant: number,
  ) {}

  merchantId = (i: number) => this.firstMerchant + i;
  reference = (i: number) => `cp-chaos-${String(i).padStart(6, "0")}`;
  chargeId = (i: number) => `ewc_chaos_${String(i).padStart(6, "0")}`;
  amount = (i: number) => 50_000 + (i % 10) * 10_000;

  write(databasePath: string, now: Date): void {
    const database = openDatabase(databasePath);
    const { db } = database;
    const merchants = new MerchantService(db, { now: () => now });
    db.transaction((tx) => {
      for (let i = 0; i < this.count; i++) {
        merchants.register({ id: this.merchantId(i), chatId: this.merchantId(i), firstName: `Toko ${i}`, languageCode: "id" });
        tx.insert(topups)
          .values({
            referenceId: this.reference(i),
            requestKey: `chaos:${i}`,
            merchantId: this.merchantId(i),
            amount: this.amount(i),
            phone: `+62813${String(i).padStart(7, "0")}`,
            status: "pending",
            chargeId: this.chargeId(i),
            createdAt: now,
            updatedAt: now,
            checkAt: new Date(now.getTime() + 3_600_000),
          })
          .run();
      }
    });
    database.close();
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
