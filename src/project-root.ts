import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The directory holding package.json. Locales, migrations and the playground's files are read from there, not
 * beside the running module: the same paths then hold for src/*.ts (tests, tsx) and for the compiled
 * dist/src/*.js that `npm start` runs, where tsc copies no .ftl, .sql or static files.
 */
export const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(dir: string): string {
  if (existsSync(join(dir, "package.json"))) return dir;
  const parent = dirname(dir);
  if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
  return findRoot(parent);
}
