import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:chaos`: the fault-injection suite, one file at a time (the kill and cluster tests run the app as
 * child processes). The cluster tests share one throwaway PostgreSQL server per run (skipped without one).
 */
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/chaos/**/*.test.ts"],
    globalSetup: ["test/helpers/postgres-global-setup.ts"],
    testTimeout: 90_000,
    hookTimeout: 30_000,
    pool: "forks",
    fileParallelism: false,
  },
});
