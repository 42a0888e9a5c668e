import { timingSafeEqual } from "node:crypto";

/**
 * A constant-time check of a secret token. Only a guess of the token's own length gets compared (timingSafeEqual
 * needs equal lengths); its length is all another guess can learn, and a token's length is no secret worth
 * hashing every request for (that hash was ~5% of a callback's cost).
 */
export function tokenMatcher(expected: string): (given: string | undefined) => boolean {
  const wanted = Buffer.from(expected, "utf8");
  return (given) => {
    if (typeof given !== "string") return false;
    const guess = Buffer.from(given, "utf8");
    return guess.length === wanted.length && timingSafeEqual(guess, wanted);
  };
}
