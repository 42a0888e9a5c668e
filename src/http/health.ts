import { Router } from "express";
import type { Database } from "../../db/database.js";

/** Liveness plus a real database round trip, so a load balancer notices a broken disk. */
export function healthRouter(database: Database): Router {
  const router = Router();
  router.get("/healthz", async (_req, res) => {
    try {
      await database.ping();
      res.json({ ok: true });
    } catch {
      res.status(503).json({ ok: false });
    }
  });
  return router;
}
