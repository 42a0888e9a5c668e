/**
 * The QRIS image: the PNG the bot sends for a QRIS top-up, rendered from the payment request's QR string with the
 * qrcode package as the bot renders it, beside the QR encoding alone (QRCode.create: the same version, error
 * correction and mask choice, no pixels) measured in the same run. The difference is what drawing and compressing
 * the PNG costs on the bot's event loop, where every render runs.
 *
 *   npx tsx bench/qr-image.ts
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import QRCode from "qrcode";
import { qrPng } from "../src/bot/qris.js";
import { DEFAULT_MERCHANT_NAME, newNmid, qrisString } from "../src/emulators/xendit/qris.js";
import { median, percentile } from "./lib.js";

export interface QrImageBenchResult {
  renders: number;
  qrLength: number;
  pngBytes: number;
  medianMs: number;
  p99Ms: number;
  encodeMedianMs: number;
  encodeP99Ms: number;
}

const WARMUP = 20;

const nmid = newNmid();
/** Dynamic QRIS strings as Xendit hands them out (the emulator's), a different one each time. */
const qrisOf = (i: number) =>
  qrisString({ merchantName: DEFAULT_MERCHANT_NAME, amount: 50_000 + (i % 20) * 25_000, reference: `pr-${String(i).padStart(22, "0")}`, nmid });

async function timed(runs: number, run: (i: number) => unknown): Promise<Float64Array> {
  for (let i = 0; i < WARMUP; i++) await run(i);
  const times = new Float64Array(runs);
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run(i);
    times[i] = performance.now() - started;
  }
  return times;
}

export async function runQrImageBench({ renders = 200 } = {}): Promise<QrImageBenchResult> {
  const png = await qrPng(qrisOf(0));
  // The bot's error correction (src/bot/qris.ts), so both pick the same QR version. One after the other rather
  // than interleaved: a render's garbage would otherwise be collected during an encode.
  const encode = await timed(renders, (i) => QRCode.create(qrisOf(i), { errorCorrectionLevel: "M" }));
  const image = await timed(renders, (i) => qrPng(qrisOf(i)));
  return {
    renders,
    qrLength: qrisOf(0).length,
    pngBytes: png.length,
    medianMs: median(image),
    p99Ms: percentile(image, 99),
    encodeMedianMs: median(encode),
    encodeP99Ms: percentile(encode, 99),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await runQrImageBench();
  console.log(
    `QR PNG (${r.qrLength} characters, ${r.pngBytes} bytes), ${r.renders} renders: median ${r.medianMs.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms; ` +
      `encode only: median ${r.encodeMedianMs.toFixed(2)} ms, p99 ${r.encodeP99Ms.toFixed(2)} ms`,
  );
}
