// A throwaway schema on the test PostgreSQL server (PAPERBOY_TEST_DATABASE_URL) for one test file.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export async function freshPostgresSchema(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.PAPERBOY_TEST_DATABASE_URL;
  if (!base) throw new Error('PAPERBOY_TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
