// The tables a dump carries and the SQL to read and restore them row for row, ids kept. Adding a
// table to dumps is one entry in DUMP_TABLES (parents before the tables that reference them).
import type { Db } from './driver.ts';
import { placeholders } from './sql.ts';

export interface DumpTable {
  /** The `type` of its lines in the dump. */
  type: string;
  table: string;
  /** The primary key: the order rows are written in, and what an imported row replaces. */
  key: string[];
  /** Text columns holding JSON, written as JSON values so the dump reads naturally. */
  json?: string[];
  /** Columns left out unless the dump is made with secrets. */
  secret?: string[];
  /** The whole table is left out unless the dump is made with secrets. */
  secretTable?: boolean;
  /** A generated id column: after an import its sequence continues past the highest id (PostgreSQL). */
  identity?: string;
}

export const DUMP_TABLES: DumpTable[] = [
  { type: 'user', table: 'users', key: ['id'], secret: ['password_hash'], identity: 'id' },
  { type: 'paper', table: 'papers', key: ['id'], json: ['authors', 'categories', 'ai_keywords', 'organization', 'media_urls'] },
  { type: 'paper_version', table: 'paper_versions', key: ['paper_id', 'version'] },
  { type: 'daily_entry', table: 'daily_entries', key: ['paper_id'], json: ['submitter'] },
  { type: 'vote', table: 'votes', key: ['user_id', 'paper_id'] },
  // By id, so a reply comes after the comment it answers.
  { type: 'comment', table: 'comments', key: ['id'], identity: 'id' },
  { type: 'subscription', table: 'subscriptions', key: ['id'], identity: 'id' },
  { type: 'api_token', table: 'api_tokens', key: ['id'], secretTable: true, identity: 'id' },
];

export type DumpRow = Record<string, unknown>;

/** The table's rows in key order, a page at a time (run inside one read-only transaction for a snapshot). */
export async function* readTable(db: Db, t: DumpTable, pageSize = 1000): AsyncGenerator<DumpRow[]> {
  const order = t.key.join(', ');
  const after = t.key.length === 1 ? `${t.key[0]} > ?` : `(${order}) > (${placeholders(t.key.length)})`;
  let last: unknown[] | null = null;
  for (;;) {
    const rows: DumpRow[] = await db.all(
      `select * from ${t.table} ${last ? `where ${after}` : ''} order by ${order} limit ?`,
      [...(last ?? []), pageSize],
    );
    if (!rows.length) return;
    yield rows;
    const end = rows[rows.length - 1]!;
    last = t.key.map((k) => end[k]);
    if (rows.length < pageSize) return;
  }
}

/** The column names of a table as this database has them. */
export async function tableColumns(db: Db, table: string): Promise<string[]> {
  const rows = await db.all<{ name: string }>(
    db.dialect === 'sqlite'
      ? 'select name from pragma_table_info(?) order by cid'
      : 'select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ? order by ordinal_position',
    [table],
  );
  return rows.map((r) => r.name);
}

const keyOf = (t: DumpTable, row: DumpRow) => JSON.stringify(t.key.map((k) => row[k]));

/** The stored rows with the same keys as `rows`, by key. */
export async function existingRows(db: Db, t: DumpTable, rows: DumpRow[]): Promise<Map<string, DumpRow>> {
  const found = new Map<string, DumpRow>();
  if (!rows.length) return found;
  // One key: `in (…)`. Several: OR of ANDs, since SQLite takes no list of row values after `in`.
  const where =
    t.key.length === 1
      ? `${t.key[0]} in (${placeholders(rows.length)})`
      : rows.map(() => `(${t.key.map((k) => `${k} = ?`).join(' and ')})`).join(' or ');
  const stored: DumpRow[] = await db.all(`select * from ${t.table} where ${where}`, rows.flatMap((r) => t.key.map((k) => r[k])));
  for (const row of stored) found.set(keyOf(t, row), row);
  return found;
}

export function rowKey(t: DumpTable, row: DumpRow): string {
  return keyOf(t, row);
}

/** Writes one row: inserted when its key is new, its given columns replaced otherwise. */
export async function writeRow(db: Db, t: DumpTable, row: DumpRow, exists: boolean): Promise<void> {
  const columns = Object.keys(row);
  if (!exists) {
    await db.run(`insert into ${t.table} (${columns.join(', ')}) values (${placeholders(columns.length)})`, columns.map((c) => row[c]));
    return;
  }
  const set = columns.filter((c) => !t.key.includes(c));
  if (!set.length) return;
  await db.run(
    `update ${t.table} set ${set.map((c) => `${c} = ?`).join(', ')} where ${t.key.map((k) => `${k} = ?`).join(' and ')}`,
    [...set.map((c) => row[c]), ...t.key.map((k) => row[k])],
  );
}

/** After rows came in with their ids, new rows must get ids above them (PostgreSQL identity columns). */
export async function continueIdentity(db: Db, t: DumpTable): Promise<void> {
  if (db.dialect !== 'postgres' || !t.identity) return;
  await db.get(
    `select setval(pg_get_serial_sequence(?, ?), coalesce((select max(${t.identity}) from ${t.table}), 0) + 1, false)`,
    [t.table, t.identity],
  );
}
