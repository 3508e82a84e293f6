import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeDatabase, describePrismaSchema, RAW_SQL_INDEXES, type SchemaDescription } from "./support/schema-description";

// Nothing else checks hand-written migrations against schema.prisma here (no schema engine): this does.
describe("the migrated database matches prisma/schema.prisma", () => {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  let fromPrisma: SchemaDescription;
  let fromDatabase: SchemaDescription;

  beforeAll(async () => {
    await client.connect();
    [fromPrisma, fromDatabase] = await Promise.all([describePrismaSchema("prisma/schema.prisma"), describeDatabase(client)]);
  });
  afterAll(() => client.end());

  it("has the same enums with the same values in order", () => {
    expect(fromDatabase.enums).toEqual(fromPrisma.enums);
  });

  it("has exactly the tables of the schema", () => {
    expect(Object.keys(fromDatabase.tables).sort()).toEqual(Object.keys(fromPrisma.tables).sort());
    expect(Object.keys(fromPrisma.tables).length).toBeGreaterThan(5);
  });

  it("has every column with its type, nullability and default, and no others", () => {
    for (const [table, description] of Object.entries(fromPrisma.tables)) {
      expect({ table, columns: fromDatabase.tables[table]?.columns }).toEqual({ table, columns: description.columns });
    }
  });

  it("has every primary key, unique constraint and index", () => {
    for (const [table, description] of Object.entries(fromPrisma.tables)) {
      const actual = fromDatabase.tables[table];
      expect({ table, primaryKey: actual?.primaryKey, uniques: actual?.uniques, indexes: actual?.indexes }).toEqual({
        table,
        primaryKey: description.primaryKey,
        uniques: description.uniques,
        indexes: description.indexes,
      });
    }
  });

  it("has, besides, exactly the expression indexes kept in raw SQL (schema.prisma cannot describe them)", () => {
    expect(fromDatabase.expressionIndexes).toEqual([...RAW_SQL_INDEXES].sort());
  });

  it("has every foreign key with its delete and update rules", () => {
    for (const [table, description] of Object.entries(fromPrisma.tables)) {
      expect({ table, foreignKeys: fromDatabase.tables[table]?.foreignKeys }).toEqual({ table, foreignKeys: description.foreignKeys });
    }
  });
});
