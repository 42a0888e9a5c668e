import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { findServerBinaries, isCi } from "./test/helpers/postgres-cluster.js";

type Engine = "sqlite" | "postgres";

/**
 * The end-to-end suites that `npm test` runs on PostgreSQL too, beside SQLite: the money path (top-up, callbacks,
 * payment checks, outbox, history and invoices) and broadcasts, with the background loops' database faults.
 */
const onPostgresToo = [
  "test/topup-happy-path.test.ts",
  "test/topup-inputs.test.ts",
  "test/xendit-webhook.test.ts",
  "test/gateway-failures.test.ts",
  "test/payment-checks.test.ts",
  "test/notifications.test.ts",
  "test/notify-dispatch.test.ts",
  "test/history-invoice.test.ts",
  "test/broadcast.test.ts",
  "test/background-faults.test.ts",
  "test/export.test.ts",
  "test/metrics.test.ts",
  "test/readiness.test.ts",
  "test/alerts.test.ts",
  "test/adjust.test.ts",
  "test/exceptions.test.ts",
  "test/reconciliation.test.ts",
  "test/topup-methods.test.ts",
  "test/method-notices.test.ts",
  "test/method-views.test.ts",
  "test/payments-qris.test.ts",
  "test/payments-va.test.ts",
  "test/payments-redirect.test.ts",
  "test/production-start.test.ts",
];

const everything = ["test/**/*.test.ts"];

/** The harness (test/helpers/harness.ts) puts the app on the engine TEST_DATABASE names. */
function project(engine: Engine, include: string[]): TestProjectInlineConfiguration {
  return {
    test: {
      name: engine,
      include,
      exclude: ["test/chaos/**", "node_modules/**"],
      env: { TEST_DATABASE: engine },
      testTimeout: 20_000,
      hookTimeout: 20_000,
      pool: "forks",
    },
  };
}

/**
 * By default every file on SQLite and the suites above on PostgreSQL where a server is installed (CI must have one:
 * the global setup fails there without it). TEST_DATABASE=sqlite or postgres runs every file on that engine alone.
 */
function projects(chosen = process.env.TEST_DATABASE ?? ""): TestProjectInlineConfiguration[] {
  const serverInstalled = findServerBinaries() !== undefined;
  if (chosen === "postgres" && !serverInstalled) throw new Error("TEST_DATABASE=postgres needs a PostgreSQL server: none under /usr/lib/postgresql/*/bin");
  if (chosen === "sqlite" || chosen === "postgres") return [project(chosen, everything)];
  if (chosen !== "") throw new Error(`TEST_DATABASE must be sqlite or postgres, not ${JSON.stringify(chosen)}`);
  return serverInstalled || isCi() ? [project("sqlite", everything), project("postgres", onPostgresToo)] : [project("sqlite", everything)];
}

export default defineConfig({
  test: {
    projects: projects(),
    // One throwaway PostgreSQL cluster per run for the PostgreSQL suites (they skip where no server is installed).
    globalSetup: ["test/helpers/postgres-global-setup.ts"],
  },
});
