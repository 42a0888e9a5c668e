import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** `npm run test:chaos`: the fault-injection suite, one file at a time (the kill test runs the app as a child process). */
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/chaos/**/*.test.ts"],
    testTimeout: 90_000,
    hookTimeout: 30_000,
    pool: "forks",
    fileParallelism: false,
  },
});
