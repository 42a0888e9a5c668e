export { createXenditEmulator, XenditEmulator, type SendCallbackOptions } from "./emulator.js";
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
} from "./types.js";
