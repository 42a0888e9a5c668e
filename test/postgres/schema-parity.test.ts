import { getTableName, isTable, type Column, type InferInsertModel, type InferSelectModel, type Table } from "drizzle-orm";
import { getTableConfig as pgTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as postgres from "../../db/postgres/schema.js";
import * as sqlite from "../../db/sqlite/schema.js";

/**
 * The two schemas describe one database: a column, key or index added to one and not the other fails here (and, for
 * the row types, in `npm run typecheck`). After changing either: `npm run db:generate` and `npm run db:generate:pg`.
 */
describe("the PostgreSQL schema mirrors the SQLite one", () => {
  it("table for table, column for column, with the same keys and indexes", () => {
    const sqliteTables = tablesOf(sqlite).map((table) => shape(sqliteTableConfig(table as SQLiteTable)));
    const postgresTables = tablesOf(postgres).map((table) => shape(pgTableConfig(table as PgTable)));

    expect(postgresTables).toEqual(sqliteTables);
  });

  it("rows read the same on both engines, and what PostgreSQL takes SQLite takes too", () => {
    expectTypeOf<Rows<typeof postgres>>().toEqualTypeOf<Rows<typeof sqlite>>();
    // Not equal: SQLite makes up an integer primary key left out (merchants.id), PostgreSQL wants the Telegram id.
    expectTypeOf<Inserts<typeof postgres>>().toExtend<Inserts<typeof sqlite>>();
  });
});

type Tables<S> = { [K in keyof S as S[K] extends Table ? K : never]: S[K] };
type Rows<S> = { [K in keyof Tables<S>]: Tables<S>[K] extends Table ? InferSelectModel<Tables<S>[K]> : never };
type Inserts<S> = { [K in keyof Tables<S>]: Tables<S>[K] extends Table ? InferInsertModel<Tables<S>[K]> : never };

function tablesOf(schema: Record<string, unknown>): Table[] {
  return Object.values(schema)
    .filter(isTable)
    .sort((a, b) => getTableName(a).localeCompare(getTableName(b)));
}

type Config = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;
type Named = { name: string } | object;
const names = (columns: Named[]): string[] => columns.map((column) => ("name" in column ? column.name : "(expression)"));

/** What both dialects can express, in their common vocabulary (drizzle's dataType: number, string, date, json). */
function shape(config: Config) {
  return {
    table: config.name,
    columns: (config.columns as Column[]).map((column) => ({
      name: column.name,
      dataType: column.dataType,
      notNull: column.notNull,
      primary: column.primary,
      unique: column.isUnique ? column.uniqueName : undefined,
      default: column.default,
      enumValues: column.enumValues,
    })),
    primaryKeys: config.primaryKeys.map((key) => names(key.columns)),
    foreignKeys: config.foreignKeys.map((key) => {
      const reference = key.reference();
      return { columns: names(reference.columns), table: getTableName(reference.foreignTable), to: names(reference.foreignColumns) };
    }),
    indexes: config.indexes.map((index) => ({ name: index.config.name, columns: names(index.config.columns), unique: index.config.unique })),
    uniqueConstraints: config.uniqueConstraints.map((constraint) => ({ name: constraint.name, columns: names(constraint.columns) })),
  };
}
