import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { openDatabase } from "../db/client.js";
import { topups } from "../db/schema.js";
import { systemClock } from "../src/clock.js";
import { MerchantService } from "../src/merchants/merchant-service.js";
import { TopupService } from "../src/payments/topup-service.js";
import { InvoiceService } from "../src/invoices/invoice-service.js";
const N = Number(process.argv[2] ?? 20000);
const dir = mkdtempSync(join(tmpdir(), "settle-"));
const { db, sqlite } = openDatabase(join(dir, "b.sqlite"));
if (process.env.IDX) sqlite.exec("create index if not exists ledger_merchant on ledger_entries(merchant_id)");
if (process.env.CACHE) { const orig = sqlite.prepare.bind(sqlite); const cache = new Map<string, any>(); (sqlite as any).prepare = (q: string) => { let s = cache.get(q); if (!s) { s = orig(q); cache.set(q, s); } else if (s.reader) s.raw(false); return s; }; }
const now = new Date();
const m = new MerchantService(db, systemClock);
db.transaction((tx) => { for (let i = 0; i < N; i++) { m.register({ id: 1000 + i, chatId: 1000 + i, firstName: "x" }); tx.insert(topups).values({ referenceId: `r${i}`, requestKey: `k${i}`, merchantId: 1000 + i, amount: 100000, phone: "+6281234567890", status: "pending", chargeId: `c${i}`, createdAt: now, updatedAt: now }).run(); } });
const inv = new InvoiceService(db, { name: "a", address: "b" }, () => (k) => k);
const logger = pino({ level: process.env.LL ?? "silent" }, pino.destination("/dev/null"));
const svc = new TopupService({ db, gateway: {} as never, clock: systemClock, logger, checkAfterSeconds: 70, maxChargesPerPhonePerHour: 5, onCredited: (tx, t, b) => inv.issue(tx, t, b) });
const t0 = performance.now();
const lat: number[] = [];
for (let i = 0; i < N; i++) { const s = performance.now(); svc.settle({ id: `c${i}`, referenceId: `r${i}`, status: "SUCCEEDED", currency: "IDR", amount: 100000, failureCode: null }, "callback", "{}"); lat.push(performance.now() - s); }
const el = performance.now() - t0;
const q = (a: number[], p: number) => a.slice().sort((x, y) => x - y)[Math.floor(a.length * p)]!;
console.log(`settle: ${(el / N * 1000).toFixed(0)} us/call; first 1000 ${(lat.slice(0, 1000).reduce((a, b) => a + b) ).toFixed(0)}ms last 1000 ${(lat.slice(-1000).reduce((a, b) => a + b)).toFixed(0)}ms p50 ${q(lat,0.5).toFixed(3)}`);
