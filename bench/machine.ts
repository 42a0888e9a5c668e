/**
 * How fast this machine is right now, for reading the rows whose target is an absolute time (invoice, start-up, p99):
 * the same VM has run the invoice row in 3 ms one day and 7 ms another with the same code. A fixed piece of work like
 * the hot paths' own (JSON in and out, deflate), timed in this process; compare it across runs, it has no target.
 */
import { deflateSync } from "node:zlib";
import { median } from "./lib.js";

const CALLBACK = {
  event: "ewallet.capture",
  business_id: "5f27a14a9bf05c73dd040bc8",
  created: "2026-12-03T10:00:00.000Z",
  data: { id: "ewc_65f1c0b2-3a4d-4e5f-8a9b-000000000001", reference_id: "topup_01JD8ZQ3N4M5P6R7S8T9000001", status: "SUCCEEDED", currency: "IDR", charge_amount: 150_000, capture_amount: 150_000, channel_code: "ID_OVO", channel_properties: { mobile_number: "+628123457890" }, metadata: null },
};
/** Compressible like a font subset or a page's content stream, and the same bytes every run. */
const STREAM = Buffer.from(Array.from({ length: 16_384 }, (_, i) => (i * 7919) % 61));

function round(): number {
  const started = performance.now();
  for (let i = 0; i < 2_000; i++) JSON.parse(JSON.stringify({ ...CALLBACK, id: i }));
  for (let i = 0; i < 50; i++) deflateSync(STREAM);
  return performance.now() - started;
}

/** Median of 15 rounds after 3 to warm up, in ms. */
export function machineReferenceMs(): number {
  for (let i = 0; i < 3; i++) round();
  return median(Array.from({ length: 15 }, round));
}
