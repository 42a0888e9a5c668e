import type { TestProject } from "vitest/node";
import { createMigratedTemplate, findServerBinaries, isCi, startCluster } from "./postgres-cluster.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The test cluster's superuser URL, or null when this machine has no PostgreSQL server (suites skip). */
    postgresUrl: string | null;
  }
}

/** Once per vitest run: a throwaway PostgreSQL cluster for the PostgreSQL suites (test/helpers/postgres.ts). */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const bin = findServerBinaries();
  if (bin === undefined) {
    if (isCi()) throw new Error("PostgreSQL server binary not found under /usr/lib/postgresql/*/bin: CI must run the PostgreSQL suites");
    console.log("PostgreSQL suites skipped (contract, test/postgres, end-to-end on PostgreSQL): no server binary found (apt-get install postgresql)");
    project.provide("postgresUrl", null);
    return undefined;
  }
  const cluster = await startCluster(bin);
  try {
    await createMigratedTemplate(cluster.url);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  project.provide("postgresUrl", cluster.url);
  return cluster.stop;
}
