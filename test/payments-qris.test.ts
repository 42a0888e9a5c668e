import { describe } from "vitest";
import { commonScenarios } from "./helpers/v3-scenarios.js";

describe("QRIS top-ups", () => {
  commonScenarios("QRIS", (h, request, options) => h.xendit.payQr(request.actions[0]!.value, options));
});
