// A throwaway schema on the test PostgreSQL server (PAPERBOY_TEST_DATABASE_URL) for one test file.
// The schema rides in the URL (`options=-c search_path=…`), so CLI and server processes started
// by a test see the same tables. `public` stays on the path for extensions installed database-wide
// (an extension lives in one schema per database, so a test schema cannot hold its own copy).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

function baseUrl(): string {
  const base = process.env.PAPERBOY_TEST_DATABASE_URL;
  if (!base) {
    throw new Error('PAPERBOY_TEST_DATABASE_URL is not set, but PAPERBOY_REQUIRE_SUITES=1 asks for the PostgreSQL suites');
  }
  return base;
}

async function withClient<T>(base: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// Names carry their creation time so that schemas left by a killed run are dropped a day later.
const STALE_MS = 24 * 3600 * 1000;

/** A new empty schema on the server at `base` (default PAPERBOY_TEST_DATABASE_URL) and a URL that uses it. */
export async function freshPostgresSchema(base = baseUrl()): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withClient(base, async (c) => {
    const old = await c.query<{ nspname: string }>(`select nspname from pg_namespace where nspname like 't\\_%\\_%'`);
    for (const { nspname } of old.rows) {
      const born = parseInt(nspname.split('_')[1] ?? '', 36);
      if (born && Date.now() - born > STALE_MS) await c.query(`drop schema if exists ${nspname} cascade`).catch(() => {});
    }
    await c.query(`create schema ${schema}`);
  });
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema},public`);
  return {
    url: url.toString(),
    drop: () => withClient(base, (c) => c.query(`drop schema if exists ${schema} cascade`)).then(() => {}),
  };
}

/** An empty database of either kind, not migrated: for tests that start the CLI or servers on it. */
export async function emptyDatabase(kind: 'sqlite' | 'postgres', dir: string): Promise<{ location: string; drop: () => Promise<void> }> {
  if (kind === 'sqlite') return { location: `${dir}/paperboy.db`, drop: async () => {} };
  const { url, drop } = await freshPostgresSchema();
  return { location: url, drop };
}
