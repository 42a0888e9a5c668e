/** Xendit's test-key behaviour, where the amount picks the outcome (docs/xendit-ovo.md, "Xendit's own test mode"). */
export type TestModeOutcome =
  | { kind: "createError"; status: number; errorCode: string; message: string }
  | { kind: "fail"; failureCode: string }
  | { kind: "succeed" };

const CREATE_ERRORS: Readonly<Record<number, TestModeOutcome>> = {
  10100: { kind: "createError", status: 403, errorCode: "CHANNEL_NOT_ACTIVATED", message: "Payment channel has not been activated" },
  10101: { kind: "createError", status: 503, errorCode: "CHANNEL_UNAVAILABLE", message: "The payment channel is currently unavailable" },
  10102: { kind: "createError", status: 500, errorCode: "SERVER_ERROR", message: "An unexpected error occurred" },
};

const CALLBACK_FAILURES: Readonly<Record<number, string>> = {
  20103: "ACCOUNT_ACCESS_BLOCKED",
  20104: "INVALID_MERCHANT_CREDENTIALS",
  20105: "USER_DECLINED_PAYMENT",
  20106: "INVALID_ACCOUNT_DETAILS",
};

/** Long enough for the create response to reach the client before the callback, as with the real service. */
export const TEST_MODE_SETTLE_DELAY_MS = 50;

export function testModeOutcome(amount: number): TestModeOutcome {
  const createError = CREATE_ERRORS[amount];
  if (createError) return createError;
  const failureCode = CALLBACK_FAILURES[amount];
  return failureCode ? { kind: "fail", failureCode } : { kind: "succeed" };
}
