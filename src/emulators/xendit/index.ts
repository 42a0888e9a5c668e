export { createXenditEmulator, XenditEmulator, type PayerOptions, type SendCallbackOptions, type SendPaymentCallbackOptions } from "./emulator.js";
export { crc16, DEFAULT_MERCHANT_NAME } from "./qris.js";
export { EXPIRED_FAILURE_CODE, InvalidTransitionError } from "./charges.js";
export type {
  CallbackBody,
  Charge,
  ChargeAmendment,
  ChargeStatus,
  DeepPartial,
  Delivery,
  DuplicateReferencePolicy,
  FaultOp,
  FaultSpec,
  RequestLogEntry,
  XenditEmulatorEvents,
  XenditEmulatorOptions,
  XenditErrorBody,
  Capture,
  Payment,
  PaymentEvent,
  PaymentRequest,
  PaymentRequestAction,
  PaymentRequestAmendment,
  PaymentRequestEvent,
  PaymentRequestStatus,
  PaymentWebhookBody,
} from "./types.js";
