import { createHash, timingSafeEqual } from "node:crypto";

/** Hashing first gives equal lengths, so the comparison takes the same time whatever the guess. */
export function tokenMatches(given: string | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
