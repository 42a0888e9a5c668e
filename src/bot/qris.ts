import QRCode from "qrcode";

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

/** The QR as a PNG, rendered here: the payer scans exactly the string the gateway gave, nothing fetched from elsewhere. */
export function qrPng(qr: string): Promise<Buffer> {
  // A quiet zone of 4 modules is what scanners expect. 480 px (about 8 px a module for a QRIS string) stays sharp
  // after Telegram recompresses the photo; more only costs rendering time, which blocks the event loop.
  return QRCode.toBuffer(qr, { type: "png", margin: 4, width: 480, errorCorrectionLevel: "M" });
}
