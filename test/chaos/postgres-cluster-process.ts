/** Starts a test cluster and reports { url, dir } over IPC, so test/chaos/postgres-cluster.test.ts can SIGKILL its owner. */
import { findServerBinaries, startCluster } from "../helpers/postgres-cluster.js";

const { url, dir } = await startCluster(findServerBinaries()!);
process.send?.({ url, dir });
