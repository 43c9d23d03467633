// Applies migrations and reports whether the database is current; the server refuses a stale one.
import type { Db } from './driver.ts';
import { migrations, type Migration } from './migrations/index.ts';

export const latestVersion = Math.max(...migrations.map((m) => m.version));

export async function schemaVersion(db: Db): Promise<number | null> {
  const state = await schemaState(db);
  return state && Math.max(0, ...state.applied);
}

export interface SchemaState {
  applied: number[];
  /** Known migrations not applied yet: a version in the middle can be missing, not only the newest. */
  pending: Migration[];
  /** Applied versions this code does not know: the database was migrated by a newer paperboy. */
  unknown: number[];
}

/** The migrations applied and missing; null for a database without paperboy's tables. */
export async function schemaState(db: Db): Promise<SchemaState | null> {
  const table = await db.get<{ n: number }>(
    db.dialect === 'sqlite'
      ? `select count(*) as n from sqlite_master where type = 'table' and name = 'schema_migrations'`
      : `select cast(count(*) as integer) as n from information_schema.tables where table_schema = current_schema() and table_name = 'schema_migrations'`,
  );
  if (!table?.n) return null;
  const applied = (await db.all<{ version: number }>('select version from schema_migrations order by version')).map((r) => Number(r.version));
  const known = new Set(migrations.map((m) => m.version));
  const done = new Set(applied);
  return { applied, pending: migrations.filter((m) => !done.has(m.version)), unknown: applied.filter((v) => !known.has(v)) };
}

/**
 * Applies every pending migration up to `upTo` (all by default) in one transaction (all or none);
 * returns the versions applied.
 */
export async function migrate(db: Db, upTo = latestVersion): Promise<number[]> {
  return db.tx(async (tx) => {
    if (tx.dialect === 'postgres') await tx.run('select pg_advisory_xact_lock(7357001)');
    await tx.exec('create table if not exists schema_migrations (version integer primary key, name text not null, applied_at text not null)');
    const done = new Set((await tx.all<{ version: number }>('select version from schema_migrations')).map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version) || m.version > upTo) continue;
      await tx.exec(tx.dialect === 'sqlite' ? m.sqlite : m.postgres);
      await tx.run('insert into schema_migrations (version, name, applied_at) values (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
      applied.push(m.version);
    }
    return applied;
  });
}
