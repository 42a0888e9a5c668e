import { defineConfig } from "drizzle-kit";

/** `npm run db:generate:pg`: the PostgreSQL migrations, beside SQLite's (drizzle.config.ts). */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/postgres/schema.ts",
  out: "./db/postgres/migrations",
});
