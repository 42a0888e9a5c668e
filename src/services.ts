import type { Db } from "../db/client.js";
import type { BroadcastService } from "./broadcast/broadcast-service.js";
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { InvoiceService } from "./invoices/invoice-service.js";
import type { Logger } from "./logger.js";
import type { MerchantService } from "./merchants/merchant-service.js";
import type { TopupService } from "./payments/topup-service.js";
import type { StatsService } from "./stats/stats-service.js";

/** The domain services the bot and the HTTP routes translate to. */
export interface Services {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  merchants: MerchantService;
  topups: TopupService;
  broadcasts: BroadcastService;
  stats: StatsService;
  invoices: InvoiceService;
}
