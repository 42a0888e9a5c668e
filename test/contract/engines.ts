import type { Database } from "../../db/database.js";
import { openSqliteDatabase } from "../../db/sqlite/database.js";

/** Every Database implementation the contract suites run against; PostgreSQL joins here. */
export const engines: { name: string; open: () => Promise<Database> }[] = [
  { name: "sqlite", open: () => Promise.resolve(openSqliteDatabase(":memory:")) },
];

export const at = (iso: string) => new Date(`2026-03-01T${iso}Z`);

export function profile(id: number) {
  return { id, chatId: id, firstName: `M${id}`, lastName: null, username: null, telegramLanguage: "id" };
}

/** A merchant with one top-up in "creating". */
export async function seedTopup(db: Database, merchantId = 1, suffix = "a") {
  await db.stores.merchants.register(profile(merchantId), at("10:00:00"));
  return db.stores.topups.create({
    referenceId: `ref-${merchantId}-${suffix}`,
    requestKey: `key-${merchantId}-${suffix}`,
    merchantId,
    amount: 100_000,
    phone: "+6281234567890",
    createdAt: at("10:00:00"),
    checkAt: at("10:01:10"),
  });
}

/** A promise and its resolve, to hold a transaction open until the test lets it go. */
export function gate() {
  let open!: () => void;
  const closed = new Promise<void>((resolve) => (open = resolve));
  return { closed, open };
}
