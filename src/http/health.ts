import { Router } from "express";
import type { LeaderLease } from "../../db/coordination.js";
import type { Database } from "../../db/database.js";

/**
 * Liveness plus a real database round trip, so a load balancer notices a broken disk or a lost database (503), and
 * which roles this instance holds now (broadcast sender, poller), so an operator sees who does what.
 */
export function healthRouter(database: Database, leases: readonly LeaderLease[]): Router {
  const router = Router();
  router.get("/healthz", async (_req, res) => {
    const held = Object.fromEntries(leases.map((lease) => [lease.name, lease.held()]));
    try {
      await database.ping();
      res.json({ ok: true, database: "ok", leases: held });
    } catch {
      res.status(503).json({ ok: false, database: "unreachable", leases: held });
    }
  });
  return router;
}
