import { randomInt } from "node:crypto";

/**
 * Account numbers the way each bank prints Xendit's: the merchant prefix Xendit holds at that bank, then the
 * customer digits, to the bank's length. The prefixes are those of Xendit's test-mode numbers; any unique number
 * serves the emulator, these make the playground and screenshots look like the real thing.
 */
const BANKS: Readonly<Record<string, { prefix: string; length: number }>> = {
  BCA_VIRTUAL_ACCOUNT: { prefix: "10766", length: 16 },
  BNI_VIRTUAL_ACCOUNT: { prefix: "8808", length: 16 },
  BRI_VIRTUAL_ACCOUNT: { prefix: "26215", length: 15 },
  MANDIRI_VIRTUAL_ACCOUNT: { prefix: "88908", length: 13 },
  PERMATA_VIRTUAL_ACCOUNT: { prefix: "8214", length: 16 },
};

/** A number no other request of this emulator has (`taken` says which are). */
export function virtualAccountNumber(channelCode: string, taken: (accountNumber: string) => boolean): string {
  const bank = BANKS[channelCode];
  if (!bank) throw new RangeError(`${channelCode} is not a virtual account channel`);
  for (;;) {
    let digits = bank.prefix;
    while (digits.length < bank.length) digits += String(randomInt(10));
    if (!taken(digits)) return digits;
  }
}
