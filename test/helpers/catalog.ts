import { sql, type Kysely } from 'kysely';

export interface Catalog {
  columns: string[];
  indexes: string[];
  constraints: string[];
}

/** The public schema as the catalog describes it, in a stable order, one line an item. */
export async function readCatalog(db: Kysely<any>): Promise<Catalog> {
  const columns = await sql<{ line: string }>`
    select table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
           || ' default ' || coalesce(column_default, '-') as line
    from information_schema.columns
    where table_schema = 'public'
    order by table_name, ordinal_position`.execute(db);
  const indexes = await sql<{ line: string }>`
    select indexdef as line from pg_indexes
    where schemaname = 'public' order by tablename, indexname`.execute(db);
  // NOT NULL constraints are catalogued only from PostgreSQL 18 on; columns carry them.
  const constraints = await sql<{ line: string }>`
    select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as line
    from pg_constraint
    where connamespace = 'public'::regnamespace and contype in ('p', 'u', 'f', 'c')
    order by 1`.execute(db);
  return {
    columns: columns.rows.map((r) => r.line),
    indexes: indexes.rows.map((r) => r.line),
    constraints: constraints.rows.map((r) => r.line),
  };
}
