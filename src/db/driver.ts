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
  /**
   * Runs fn in one transaction: all of it commits or none of it does. A nested call is a savepoint:
   * it commits with the outer one, and when it throws only its own work is undone.
   */
  tx<T>(fn: (db: Db) => Promise<T>, options?: TxOptions): Promise<T>;
  close(): Promise<void>;
}

export interface TxOptions {
  /**
   * A read-only snapshot (dumps, reports): every statement sees the database as at its start, and
   * writers in other processes are not held up. Ignored for a nested call.
   */
  readOnly?: boolean;
}

export interface OpenOptions {
  /** PostgreSQL: the most connections this process holds (PAPERBOY_PG_POOL). */
  poolSize?: number;
}

export async function openDatabase(location: string, options: OpenOptions = {}): Promise<Db> {
  if (/^postgres(ql)?:\/\//.test(location)) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(location, options);
  }
  const { openSqlite } = await import('./sqlite.ts');
  return openSqlite(location);
}
