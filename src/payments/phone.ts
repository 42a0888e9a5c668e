import { createRequire } from "node:module";
import type { parsePhoneNumberFromString as Parse } from "libphonenumber-js/max";

/**
 * libphonenumber-js with its full metadata (~90 modules) is required on the first number a merchant types, not at
 * start-up: an idle bot never needs it. Synchronously, so that parsing stays a plain function.
 */
let parse: typeof Parse | undefined;
function parsePhoneNumberFromString(...args: Parameters<typeof Parse>): ReturnType<typeof Parse> {
  parse ??= (createRequire(import.meta.url)("libphonenumber-js/max") as { parsePhoneNumberFromString: typeof Parse }).parsePhoneNumberFromString;
  return parse(...args);
}

export type PhoneParseResult = { ok: true; e164: string } | { ok: false; reason: "format" | "not_mobile" };

/**
 * Normalises what a merchant types or shares (08…, 628…, +628…, with spaces, dashes, dots or brackets)
 * to E.164 `+628…`, accepting only Indonesian mobile numbers — OVO accounts are tied to them.
 */
export function parseIndonesianMobile(input: string): PhoneParseResult {
  const compact = input.trim().replace(/[\s.\-()]/g, "");
  if (!/^\+?\d{8,16}$/.test(compact)) return { ok: false, reason: "format" };
  // "628…" without the plus is how Telegram shares contacts and how many people type it.
  const candidate = compact.startsWith("62") ? `+${compact}` : compact;
  const phone = parsePhoneNumberFromString(candidate, "ID");
  if (!phone || phone.country !== "ID" || !phone.isValid()) return { ok: false, reason: "format" };
  const type = phone.getType();
  if (type !== "MOBILE" && type !== undefined) return { ok: false, reason: "not_mobile" };
  const e164 = phone.number;
  if (!/^\+628\d{7,11}$/.test(e164)) return { ok: false, reason: "not_mobile" };
  return { ok: true, e164 };
}

/** "+6281234567890" → "0812****7890": enough for the owner to recognise, too little for anyone else. */
export function maskPhone(e164: string): string {
  const local = e164.startsWith("+62") ? `0${e164.slice(3)}` : e164;
  if (local.length < 8) return "****";
  return `${local.slice(0, 4)}****${local.slice(-4)}`;
}

/** Indonesian mobile numbers as people and gateways write them (+62 812…, 62812…, 0812-3456-…), inside any text. */
const indonesianMobileInText = /(?<![\w+])(?:\+?62[\s.-]?|0)8(?:[\s.-]?\d){7,11}(?!\w)/g;

/** A phone number written any way (separators, 62… without the plus), masked like maskPhone. */
export function maskAnyPhone(written: string): string {
  const compact = written.replace(/[^\d+]/g, "");
  return maskPhone(compact.startsWith("62") ? `+${compact}` : compact);
}

/** Masks every Indonesian mobile number found in a text, leaving the rest of it as it was. */
export function maskPhonesIn(text: string): string {
  return text.replace(indonesianMobileInText, maskAnyPhone);
}
