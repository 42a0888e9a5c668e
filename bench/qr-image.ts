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
import { median, percentile } from "./lib.js";
import { renderQr } from "../src/bot/qr-image.js";

export interface QrImageBenchResult {
  renders: number;
  qrLength: number;
  pngBytes: number;
  medianMs: number;
  p99Ms: number;
  encodeMedianMs: number;
  encodeP99Ms: number;
}

const WARMUP = 50;

/** Dynamic QRIS strings of the length Xendit hands out (~200 characters), a different one each time. */
function qrisString(i: number): string {
  const amount = String(50_000 + (i % 20) * 25_000);
  const tag = (id: string, value: string) => `${id}${String(value.length).padStart(2, "0")}${value}`;
  const body = [
    tag("00", "01"),
    tag("01", "12"),
    tag("26", tag("00", "ID.CO.QRIS.WWW") + tag("01", "936009140000000000") + tag("02", "ID2026112600001") + tag("03", "UMI")),
    tag("51", tag("00", "ID.CO.QRIS.WWW") + tag("02", "ID1020000000000") + tag("03", "UMI")),
    tag("52", "5499"),
    tag("53", "360"),
    tag("54", amount),
    tag("58", "ID"),
    tag("59", "KASIR PINTAR COIN PREM"),
    tag("60", "JAKARTA"),
    tag("61", "12190"),
    tag("62", tag("05", `pr-${String(i).padStart(12, "0")}`)),
  ].join("");
  return `${body}6304${crc16(`${body}6304`)}`;
}

/** CRC-16/CCITT-FALSE, the checksum that ends every QRIS string (tag 63). */
function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, "latin1")) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, "0");
}

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

export async function runQrImageBench({ renders = 1_000 } = {}): Promise<QrImageBenchResult> {
  const png = await renderQr(qrisString(0));
  // Interleaved would be fairer to a drifting machine, but a render's garbage would then be paid by an encode.
  const encode = await timed(renders, (i) => QRCode.create(qrisString(i), { errorCorrectionLevel: "M" }));
  const image = await timed(renders, (i) => renderQr(qrisString(i)));
  return {
    renders,
    qrLength: qrisString(0).length,
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
