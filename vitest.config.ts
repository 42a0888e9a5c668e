import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { findServerBinaries } from "./test/helpers/postgres-cluster.js";

/**
 * The end-to-end suites that `npm test` runs on PostgreSQL too, beside SQLite: the money path (top-up, callbacks,
 * payment checks, outbox, history and invoices) and broadcasts. The harness reads TEST_DATABASE.
 */
const onPostgresToo = [
  "test/topup-happy-path.test.ts",
  "test/topup-inputs.test.ts",
  "test/xendit-webhook.test.ts",
  "test/gateway-failures.test.ts",
  "test/payment-checks.test.ts",
  "test/notifications.test.ts",
  "test/history-invoice.test.ts",
  "test/broadcast.test.ts",
  "test/background-faults.test.ts",
];

const everything = ["test/**/*.test.ts"];

function project(engine: "sqlite" | "postgres", include: string[]): TestProjectInlineConfiguration {
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
 * By default every file on SQLite and the suites above on PostgreSQL, where a server is installed (CI must have one:
 * the global setup fails there without). TEST_DATABASE=sqlite or =postgres runs every file on that engine alone.
 */
function projects(engine = process.env.TEST_DATABASE): TestProjectInlineConfiguration[] {
  if (engine === "sqlite" || engine === "postgres") return [project(engine, everything)];
  if (engine !== undefined && engine !== "") throw new Error(`TEST_DATABASE must be sqlite or postgres, not ${JSON.stringify(engine)}`);
  const withPostgres = findServerBinaries() !== undefined || !["", "0", "false"].includes(process.env.CI ?? "");
  return withPostgres ? [project("sqlite", everything), project("postgres", onPostgresToo)] : [project("sqlite", everything)];
}

export default defineConfig({
  test: {
    projects: projects(),
    // One throwaway PostgreSQL cluster per run for the PostgreSQL suites (they skip where no server is installed).
    globalSetup: ["test/helpers/postgres-global-setup.ts"],
  },
});
