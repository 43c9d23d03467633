// Applies migrations and reports whether the database is current; the server refuses a stale one.
import type { Db } from './driver.ts';
import { migrations } from './migrations/index.ts';

export const latestVersion = Math.max(...migrations.map((m) => m.version));

export async function schemaVersion(db: Db): Promise<number | null> {
  const table = await db.get<{ n: number }>(
    db.dialect === 'sqlite'
      ? `select count(*) as n from sqlite_master where type = 'table' and name = 'schema_migrations'`
      : `select cast(count(*) as integer) as n from information_schema.tables where table_schema = current_schema() and table_name = 'schema_migrations'`,
  );
  if (!table?.n) return null;
  const row = await db.get<{ v: number | null }>('select max(version) as v from schema_migrations');
  return row?.v ?? 0;
}

/** Applies every pending migration in one transaction (all or none); returns the versions applied. */
export async function migrate(db: Db): Promise<number[]> {
  return db.tx(async (tx) => {
    if (tx.dialect === 'postgres') await tx.run('select pg_advisory_xact_lock(7357001)');
    await tx.exec('create table if not exists schema_migrations (version integer primary key, name text not null, applied_at text not null)');
    const done = new Set((await tx.all<{ version: number }>('select version from schema_migrations')).map((r) => r.version));
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await tx.exec(tx.dialect === 'sqlite' ? m.sqlite : m.postgres);
      await tx.run('insert into schema_migrations (version, name, applied_at) values (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
      applied.push(m.version);
    }
    return applied;
  });
}
