import { Router } from "express";
import { sql } from "drizzle-orm";
import type { Db } from "../../db/sqlite/client.js";

/** Liveness plus a real database read, so a load balancer notices a broken disk. */
export function healthRouter(db: Db): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    try {
      db.get(sql`select 1`);
      res.json({ ok: true });
    } catch {
      res.status(503).json({ ok: false });
    }
  });
  return router;
}
