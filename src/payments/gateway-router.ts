import type { Charge, CreateChargeRequest, PaymentGateway } from "./gateway.js";

/** Payments API v3 ids start with "pr-" ("xendit-payments-v3.md"); e-wallet charges' with "ewc_". */
const isPaymentRequestId = (chargeId: string) => chargeId.startsWith("pr-");

/** One gateway for the services: each method goes to the API that serves it, each charge id back to the API that made it. */
export class GatewayRouter implements PaymentGateway {
  constructor(private readonly gateways: { ewallet: PaymentGateway; v3: PaymentGateway }) {}

  createCharge(request: CreateChargeRequest): Promise<Charge> {
    return this.gateways[request.method.api].createCharge(request);
  }

  getCharge(chargeId: string): Promise<Charge> {
    return this.for(chargeId).getCharge(chargeId);
  }

  cancelCharge(chargeId: string): Promise<Charge> {
    return this.for(chargeId).cancelCharge(chargeId);
  }

  private for(chargeId: string): PaymentGateway {
    return isPaymentRequestId(chargeId) ? this.gateways.v3 : this.gateways.ewallet;
  }
}
