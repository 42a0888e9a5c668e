import { onPostgres, type Harness } from "./harness.js";

export interface FailingUpdates {
  /** Only updates that set this column. */
  of?: string;
  /** Only rows matching this condition on OLD and NEW, which both engines read alike (NEW.status = 'sent'). */
  when?: string;
}

/** Updates of `table` fail as a full disk would, until the returned function is called: a trigger on either engine. */
export async function failUpdates(h: Harness, table: string, only: FailingUpdates = {}): Promise<() => Promise<void>> {
  const event = `BEFORE UPDATE${only.of === undefined ? "" : ` OF ${only.of}`} ON ${table} FOR EACH ROW${only.when === undefined ? "" : ` WHEN (${only.when})`}`;
  if (onPostgres) {
    await h.exec("CREATE FUNCTION fail_updates() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'database or disk is full'; END $$");
    await h.exec(`CREATE TRIGGER fail_updates ${event} EXECUTE FUNCTION fail_updates()`);
    return async () => {
      await h.exec(`DROP TRIGGER fail_updates ON ${table}`);
      await h.exec("DROP FUNCTION fail_updates()");
    };
  }
  await h.exec(`CREATE TRIGGER fail_updates ${event} BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
  return () => h.exec("DROP TRIGGER fail_updates");
}
