import { startOfWibDay } from "../format.js";

const DAY_MS = 86_400_000;
const WIB_OFFSET_MS = 7 * 3_600_000;

/** A Jakarta calendar day: its name ("2026-11-26") and the instants [from, to) it spans. */
export interface WibDay {
  label: string;
  from: Date;
  to: Date;
}

/** The Jakarta day `date` falls on, `daysBack` days earlier. */
export function wibDayOf(date: Date, daysBack = 0): WibDay {
  const from = startOfWibDay(date, daysBack);
  return { label: labelOf(from), from, to: new Date(from.getTime() + DAY_MS) };
}

/** "2026-11-25" as a Jakarta day; undefined unless it is a real date written exactly so. */
export function parseWibDay(text: string): WibDay | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const midnightUtc = Date.UTC(year, month - 1, day);
  // Date.UTC rolls 2026-02-30 over into March: only a date that survives the round trip is real.
  if (labelOf(new Date(midnightUtc - WIB_OFFSET_MS)) !== text) return undefined;
  return wibDayOf(new Date(midnightUtc - WIB_OFFSET_MS));
}

/** The hour (0-23) on a Jakarta clock. */
export function wibHour(date: Date): number {
  return new Date(date.getTime() + WIB_OFFSET_MS).getUTCHours();
}

function labelOf(wibMidnight: Date): string {
  return new Date(wibMidnight.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);
}
