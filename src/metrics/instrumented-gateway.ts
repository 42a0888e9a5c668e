import { GatewayError, type PaymentGateway } from "../payments/gateway.js";

export type GatewayOperation = keyof PaymentGateway;

export interface GatewayObserver {
  /** One call answered or failed after `seconds`; `failure` set when it failed. */
  observe(operation: GatewayOperation, seconds: number, failure?: string): void;
}

/** The gateway with every call timed and its failures counted; what the calls do is unchanged. */
export function instrumentedGateway(gateway: PaymentGateway, observer: GatewayObserver): PaymentGateway {
  const timed = async <T>(operation: GatewayOperation, call: () => Promise<T>): Promise<T> => {
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await call();
      observer.observe(operation, seconds());
      return result;
    } catch (error) {
      observer.observe(operation, seconds(), error instanceof GatewayError ? error.failure : "unexpected");
      throw error;
    }
  };
  return {
    createCharge: (request) => timed("createCharge", () => gateway.createCharge(request)),
    getCharge: (chargeId) => timed("getCharge", () => gateway.getCharge(chargeId)),
    cancelCharge: (chargeId) => timed("cancelCharge", () => gateway.cancelCharge(chargeId)),
  };
}
