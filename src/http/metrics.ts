import { Router, type Request } from "express";
import type { Metrics } from "../metrics/metrics.js";
import { tokenMatcher } from "./secret-token.js";

/** The bearer token of an Authorization header, if it has one. */
function bearerOf(req: Request): string | undefined {
  const match = /^Bearer +(\S+)\s*$/i.exec(req.get("authorization") ?? "");
  return match?.[1];
}

/**
 * GET /metrics in Prometheus' text format. With a token (METRICS_TOKEN, on the public server) only a scraper that
 * sends it as a bearer token is answered; without one (METRICS_PORT, a server on the loopback interface) anyone
 * who can connect is.
 */
export function metricsRouter(metrics: Metrics, token?: string): Router {
  const router = Router();
  const tokenMatches = token === undefined ? undefined : tokenMatcher(token);
  router.get("/metrics", async (req, res) => {
    if (tokenMatches !== undefined && !tokenMatches(bearerOf(req))) {
      req.log.warn("metrics scrape without the right token");
      res.status(401).set("WWW-Authenticate", 'Bearer realm="metrics"').json({ error: "invalid token" });
      return;
    }
    const body = await metrics.render();
    res.status(200).type(metrics.contentType).send(body);
  });
  return router;
}
