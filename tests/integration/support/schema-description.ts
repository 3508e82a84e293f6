/**
 * Two descriptions of the same database, to compare: one read from prisma/schema.prisma (through
 * Prisma's Wasm DMMF, no engine needed) and one read from a migrated database's catalogue.
 */
import { readFileSync } from "node:fs";
import internals from "@prisma/internals";
import type pg from "pg";

export interface ColumnDescription {
  type: string;
  nullable: boolean;
  default: string | null;
}

export interface TableDescription {
  columns: Record<string, ColumnDescription>;
  primaryKey: string[];
  uniques: string[][];
  /** Each index's columns; a column with a non-default operator class reads "column opclass", and an index
   * that is not a b-tree ends with "using <method>" (e.g. a pg_trgm GIN index: ["orderNumber gin_trgm_ops", "using gin"]). */
  indexes: string[][];
  foreignKeys: string[];
}

/**
 * Indexes on expressions, which schema.prisma cannot describe: kept in raw SQL migrations only. The database
 * must hold exactly these (by name) besides what the schema describes, so one cannot appear or vanish unseen.
 */
export const RAW_SQL_INDEXES = ["Order_shopperPhone_digits_trgm_idx"];

export interface SchemaDescription {
  enums: Record<string, string[]>;
  tables: Record<string, TableDescription>;
  /** Names of indexes on expressions (database side only; see RAW_SQL_INDEXES). */
  expressionIndexes: string[];
}

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Boolean: "boolean",
  Json: "jsonb",
  DateTime: "timestamp(3)",
  Decimal: "numeric(65,30)",
};

const ON_DELETE_SQL: Record<string, string> = {
  Cascade: "CASCADE", SetNull: "SET NULL", Restrict: "RESTRICT", NoAction: "NO ACTION", SetDefault: "SET DEFAULT",
};

const sortLists = (lists: string[][]) => lists.map((list) => list.join(",")).sort().map((joined) => joined.split(","));

interface DmmfField {
  name: string;
  kind: string;
  type: string;
  isRequired: boolean;
  isList: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  dbName?: string | null;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
}

function prismaDefault(field: DmmfField): string | null {
  if (!field.hasDefaultValue || field.isUpdatedAt) return null;
  const value = field.default;
  if (value && typeof value === "object" && "name" in value) {
    const name = (value as { name: string }).name;
    if (name === "now") return "CURRENT_TIMESTAMP";
    if (name === "autoincrement") return "nextval";
    return null; // cuid(), uuid(): made by the client, not the database
  }
  if (typeof value === "string") return field.kind === "enum" || field.type === "String" ? `'${value}'` : value;
  return String(value);
}

export async function describePrismaSchema(schemaPath: string): Promise<SchemaDescription> {
  const dmmf = await internals.getDMMF({ datamodel: readFileSync(schemaPath, "utf8") });
  const enums = Object.fromEntries(dmmf.datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)]));
  const tables: Record<string, TableDescription> = {};
  for (const model of dmmf.datamodel.models) {
    const fields = model.fields as unknown as DmmfField[];
    const column = (name: string) => fields.find((f) => f.name === name)?.dbName ?? name;
    const columns: Record<string, ColumnDescription> = {};
    for (const field of fields) {
      if (field.kind === "object") continue;
      const base = field.kind === "enum" ? field.type : field.nativeType?.[0] === "Date" ? "date" : SCALAR_TYPES[field.type] ?? field.type;
      columns[field.dbName ?? field.name] = {
        type: field.isList ? `${base}[]` : base,
        nullable: !field.isRequired,
        default: prismaDefault(field),
      };
    }
    const indexes = dmmf.datamodel.indexes.filter((index) => index.model === model.name);
    const cols = (index: (typeof indexes)[number]) => index.fields.map((f) => column(f.name));
    const indexColumns = (index: (typeof indexes)[number]) => {
      const fields = index.fields as { name: string; operatorClass?: string }[];
      const described = fields.map((f) => (f.operatorClass ? `${column(f.name)} ${f.operatorClass.toLowerCase()}` : column(f.name)));
      const algorithm = (index as { algorithm?: string }).algorithm;
      return algorithm && algorithm !== "BTree" ? [...described, `using ${algorithm.toLowerCase()}`] : described;
    };
    const foreignKeys = fields
      .filter((field) => field.kind === "object" && field.relationFromFields && field.relationFromFields.length > 0)
      .map((field) => {
        const target = dmmf.datamodel.models.find((m) => m.name === field.type)!;
        const onDelete = field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull");
        return `(${field.relationFromFields!.map(column).join(",")}) -> ${target.dbName ?? target.name}(${field.relationToFields!.join(",")}) ON DELETE ${ON_DELETE_SQL[onDelete]} ON UPDATE CASCADE`;
      })
      .sort();
    tables[model.dbName ?? model.name] = {
      columns,
      primaryKey: indexes.filter((index) => index.type === "id").flatMap(cols),
      uniques: sortLists(indexes.filter((index) => index.type === "unique").map(cols)),
      indexes: sortLists(indexes.filter((index) => index.type === "normal").map(indexColumns)),
      foreignKeys,
    };
  }
  return { enums, tables, expressionIndexes: [] };
}

const PG_ACTIONS: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

function databaseDefault(raw: string | null): string | null {
  if (raw === null) return null;
  if (raw.startsWith("nextval(")) return "nextval";
  // '#1f6feb'::text → '#1f6feb'; 'INFO_RECEIVED'::"ShipmentStatus" → 'INFO_RECEIVED'
  return raw.replace(/::[\w" .()[\]]+$/, "");
}

export async function describeDatabase(client: pg.Client): Promise<SchemaDescription> {
  const enumRows = await client.query<{ name: string; value: string }>(`
    SELECT t.typname AS name, e.enumlabel AS value FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
    JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' ORDER BY t.typname, e.enumsortorder`);
  const enums: Record<string, string[]> = {};
  for (const row of enumRows.rows) (enums[row.name] ??= []).push(row.value);

  const columnRows = await client.query<{
    table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string;
    column_default: string | null; datetime_precision: number | null;
  }>(`
    SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, datetime_precision
    FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
    ORDER BY table_name, ordinal_position`);
  const tables: Record<string, TableDescription> = {};
  for (const row of columnRows.rows) {
    const table = (tables[row.table_name] ??= { columns: {}, primaryKey: [], uniques: [], indexes: [], foreignKeys: [] });
    const type =
      row.data_type === "USER-DEFINED" ? row.udt_name
      : row.data_type === "timestamp without time zone" ? `timestamp(${row.datetime_precision})`
      : row.data_type === "ARRAY" ? `${row.udt_name.replace(/^_/, "")}[]`
      : row.data_type === "numeric" ? "numeric(65,30)"
      : row.data_type;
    table.columns[row.column_name] = { type, nullable: row.is_nullable === "YES", default: databaseDefault(row.column_default) };
  }

  const indexRows = await client.query<{
    table_name: string; index_name: string; method: string; is_primary: boolean; is_unique: boolean; on_expression: boolean; columns: string[];
  }>(`
    SELECT t.relname AS table_name, i.relname AS index_name, am.amname AS method, ix.indisprimary AS is_primary,
      ix.indisunique AS is_unique, ix.indexprs IS NOT NULL AS on_expression,
      ARRAY(SELECT a.attname || CASE WHEN oc.opcdefault THEN '' ELSE ' ' || oc.opcname END
            FROM unnest(ix.indkey, ix.indclass) WITH ORDINALITY k(attnum, opclass, ord)
            JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
            JOIN pg_opclass oc ON oc.oid = k.opclass ORDER BY k.ord)::text[] AS columns
    FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
    JOIN pg_am am ON am.oid = i.relam JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'`);
  const expressionIndexes: string[] = [];
  for (const row of indexRows.rows) {
    const table = tables[row.table_name];
    if (!table) continue;
    const columns = row.method === "btree" ? row.columns : [...row.columns, `using ${row.method}`];
    if (row.on_expression) expressionIndexes.push(row.index_name);
    else if (row.is_primary) table.primaryKey = columns;
    else (row.is_unique ? table.uniques : table.indexes).push(columns);
  }

  const fkRows = await client.query<{ table_name: string; columns: string[]; target: string; target_columns: string[]; on_delete: string; on_update: string }>(`
    SELECT c.conrelid::regclass::text AS table_name, c.confrelid::regclass::text AS target,
      ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
      ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
            JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS target_columns,
      c.confdeltype AS on_delete, c.confupdtype AS on_update
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'`);
  for (const row of fkRows.rows) {
    const name = row.table_name.replaceAll('"', "");
    tables[name]?.foreignKeys.push(
      `(${row.columns.join(",")}) -> ${row.target.replaceAll('"', "")}(${row.target_columns.join(",")}) ON DELETE ${PG_ACTIONS[row.on_delete]} ON UPDATE ${PG_ACTIONS[row.on_update]}`,
    );
  }
  for (const table of Object.values(tables)) {
    table.uniques = sortLists(table.uniques);
    table.indexes = sortLists(table.indexes);
    table.foreignKeys.sort();
  }
  return { enums, tables, expressionIndexes: expressionIndexes.sort() };
}
