import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/chaos/**", "node_modules/**"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    // One throwaway PostgreSQL cluster per run for the PostgreSQL suites (they skip where no server is installed).
    globalSetup: ["test/helpers/postgres-global-setup.ts"],
  },
});
