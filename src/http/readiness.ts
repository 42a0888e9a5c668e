import { Router } from "express";
import type { Database } from "../../db/database.js";
import type { LoopHeartbeats } from "../readiness.js";
import { within } from "../within.js";

/**
 * Readiness, for an orchestrator that restarts an instance which no longer does its work: 200 while the database
 * answers (in time: a hung connection counts as down) and every background loop finished a pass recently; 503
 * naming what is wrong otherwise. /healthz stays the liveness probe.
 */
export function readinessRouter(database: Database, heartbeats: LoopHeartbeats, timeoutMs: number): Router {
  const router = Router();
  router.get("/readyz", async (_req, res) => {
    const reachable = await within(database.ping(), timeoutMs, "the database").then(
      () => true,
      () => false,
    );
    const stale = heartbeats.stale();
    const ok = reachable && stale.length === 0;
    res.status(ok ? 200 : 503).json({ ok, database: reachable ? "ok" : "unreachable", stale });
  });
  return router;
}
