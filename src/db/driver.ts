// The database handle every other module receives: a few promise-returning calls that behave the
// same on SQLite and PostgreSQL. SQL is written with `?` placeholders; each driver adapts them.
export type Dialect = 'sqlite' | 'postgres';
export type Row = Record<string, unknown>;

export interface Db {
  readonly dialect: Dialect;
  all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  run(sql: string, params?: readonly unknown[]): Promise<{ changes: number }>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction: all of it commits or none of it does. Nested calls join the outer one. */
  tx<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDatabase(location: string): Promise<Db> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(location);
  }
  const { openSqlite } = await import('./sqlite.ts');
  return openSqlite(location);
}
