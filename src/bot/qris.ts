import { crc32, deflateSync } from "node:zlib";

/** EMVCo's merchant-presented QR: the top-level data object that holds the merchant name. */
const MERCHANT_NAME_TAG = "59";

/**
 * The merchant name a QRIS string shows the payer's app (EMVCo tag 59), or undefined when the string is not a
 * well-formed sequence of two-digit tag, two-digit length and value. Nested templates (tags 26–51, 62) are values of
 * their own tags, so a 59 inside them is never mistaken for the top-level one.
 */
export function qrisMerchantName(qr: string): string | undefined {
  for (let at = 0; at + 4 <= qr.length; ) {
    const tag = qr.slice(at, at + 2);
    const length = qr.slice(at + 2, at + 4);
    if (!/^\d{2}$/.test(tag) || !/^\d{2}$/.test(length)) return undefined;
    const end = at + 4 + Number(length);
    if (end > qr.length) return undefined;
    if (tag === MERCHANT_NAME_TAG) return qr.slice(at + 4, end).trim() || undefined;
    at = end;
  }
  return undefined;
}

/** The quiet zone scanners expect, in modules. */
const MARGIN = 4;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const WHITE = 0xff;
const DARK = 0x00;

/**
 * The QR as a PNG, rendered here: the payer scans exactly the string the gateway gave, nothing fetched from
 * elsewhere. The qrcode package encodes the modules; its own PNG renderer drew RGBA pixel by pixel and tried five
 * filters per row (about 40 ms of blocked event loop per QR at 480 px), so the image is written here instead:
 * 1 bit per pixel and 8 pixels per module, so that a module is one byte (a QRIS string, 49–57 modules with its
 * quiet zone, comes out at 456–520 px); each module row is repeated 8 times, filter "none", deflated by zlib.
 * qrcode (and the pngjs of its own renderers) is loaded on the first QR, not at start-up: an idle bot has no use
 * for it.
 */
export async function qrPng(qr: string): Promise<Buffer> {
  const { default: QRCode } = await import("qrcode");
  const { modules } = QRCode.create(qr, { errorCorrectionLevel: "M" });
  const width = modules.size + 2 * MARGIN;
  const side = width * 8;
  // Each scanline: its filter byte (0), then one byte per module.
  const stride = 1 + width;
  const raw = Buffer.alloc(stride * side, WHITE);
  for (let y = 0; y < width; y++) {
    const line = Buffer.alloc(stride, WHITE);
    line[0] = 0;
    for (let x = 0; x < modules.size && y >= MARGIN && y < MARGIN + modules.size; x++) {
      if (modules.get(y - MARGIN, x)) line[1 + MARGIN + x] = DARK;
    }
    for (let repeat = 0; repeat < 8; repeat++) line.copy(raw, (y * 8 + repeat) * stride);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  // Bit depth 1, colour type 0 (greyscale), compression, filter and interlace methods 0.
  header.set([1, 0, 0, 0, 0], 8);
  return Buffer.concat([PNG_SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
