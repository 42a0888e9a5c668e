/**
 * QRIS strings shaped like the ones Xendit hands out: EMVCo merchant-presented QR ("QRIS MPM" of Bank Indonesia),
 * a list of tag, two-digit length, value — dynamic (point of initiation 12), with the amount, the merchant's name
 * and city, a per-request reference, and the CRC the payer's app checks before it shows anything.
 */

import { randomInt } from "node:crypto";

export const DEFAULT_MERCHANT_NAME = "KASIR PINTAR COIN PREMIUM";

function tag(id: string, value: string): string {
  if (value.length > 99) throw new RangeError(`QRIS tag ${id} longer than 99 characters`);
  return `${id}${String(value.length).padStart(2, "0")}${value}`;
}

/** CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF), as EMVCo's tag 63 wants it: four uppercase hex digits. */
export function crc16(text: string): string {
  let crc = 0xffff;
  for (const byte of Buffer.from(text, "utf8")) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc.toString(16).toUpperCase().padStart(4, "0");
}

export interface QrisInput {
  merchantName: string;
  amount: number;
  /** Tells one request's code from another's (tag 62's reference label). */
  reference: string;
  /** The merchant's national id (NMID), fixed per emulator. */
  nmid: string;
}

export function qrisString({ merchantName, amount, reference, nmid }: QrisInput): string {
  const body = [
    tag("00", "01"),
    tag("01", "12"),
    tag("26", tag("00", "COM.XENDIT.WWW") + tag("01", `93600${nmid.slice(-10)}`) + tag("02", nmid) + tag("03", "UMI")),
    tag("51", tag("00", "ID.CO.QRIS.WWW") + tag("02", nmid) + tag("03", "UMI")),
    tag("52", "5999"),
    tag("53", "360"),
    tag("54", String(amount)),
    tag("58", "ID"),
    tag("59", merchantName.slice(0, 25)),
    tag("60", "JAKARTA"),
    tag("61", "10110"),
    tag("62", tag("05", reference.slice(0, 25))),
  ].join("");
  const withCrcTag = `${body}6304`;
  return withCrcTag + crc16(withCrcTag);
}

/** A merchant's national QRIS id (NMID): "ID" and 13 digits, one per emulator as one per business. */
export function newNmid(): string {
  return `ID${Array.from({ length: 13 }, () => randomInt(10)).join("")}`;
}
