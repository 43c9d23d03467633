// PostgreSQL through a `pg` connection pool. `?` placeholders become $1, $2, …; a transaction holds
// one pooled client for its whole body.
import pg from 'pg';
import type { Db, Row } from './driver.ts';

// Counts and sums come back as text for bigint/numeric; paperboy's numbers fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

const statementText = new Map<string, string>();
function numbered(sql: string): string {
  let text = statementText.get(sql);
  if (text === undefined) {
    let n = 0;
    text = sql.replace(/\?/g, () => `$${++n}`);
    statementText.set(sql, text);
  }
  return text;
}

type Queryable = pg.Pool | pg.PoolClient;

class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;
  constructor(private client: Queryable, private pool: pg.Pool, private inTx = false) {}

  async all<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.client.query(numbered(sql), params as unknown[])).rows as T[];
  }
  async get<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }
  async run(sql: string, params: readonly unknown[] = []): Promise<{ changes: number }> {
    const result = await this.client.query(numbered(sql), params as unknown[]);
    return { changes: result.rowCount ?? 0 };
  }
  async exec(sql: string): Promise<void> {
    await this.client.query(sql);
  }
  async tx<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    if (this.inTx) return fn(this);
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const result = await fn(new PostgresDb(client, this.pool, true));
      await client.query('commit');
      return result;
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
  async close(): Promise<void> {
    if (!this.inTx) await this.pool.end();
  }
}

export async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.PAPERBOY_PG_POOL ?? 10) });
  pool.on('error', () => {}); // an idle client's error surfaces on the next query instead
  await pool.query('select 1');
  return new PostgresDb(pool, pool);
}
