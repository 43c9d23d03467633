// The `dump` format: a whole instance as JSON Lines. A header line, then one line per row with a
// `type` (user, paper, paper_version, daily_entry, vote, comment, subscription, …), then an end line
// with the count of each type. `paperboy dump` writes it; `paperboy import` reads it back, ids kept.
import { continueIdentity, DUMP_TABLES, existingRows, readTable, rowKey, tableColumns, writeRow, type DumpRow, type DumpTable } from '../db/dump.ts';
import type { Db } from '../db/driver.ts';
import { papersChanged } from '../domain/papers.ts';
import { constraintViolation } from '../db/errors.ts';
import { latestVersion } from '../db/schema.ts';
import { RecordError } from './formats.ts';

export const DUMP_MAGIC = 'paperboy-dump';
const FORMAT_VERSION = 1;

export interface DumpHeader {
  type: typeof DUMP_MAGIC;
  format: number;
  schema: number;
  created_at: string;
  secrets: boolean;
}

/** Writes the whole database as dump lines, from one consistent snapshot; returns the rows per type. */
export async function writeDump(db: Db, write: (line: string) => Promise<void>, options: { secrets: boolean }): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.tx(
    async (tx) => {
      const header: DumpHeader = { type: DUMP_MAGIC, format: FORMAT_VERSION, schema: latestVersion, created_at: new Date().toISOString(), secrets: options.secrets };
      await write(JSON.stringify(header) + '\n');
      for (const t of DUMP_TABLES) {
        if (t.secretTable && !options.secrets) continue;
        counts[t.type] = 0;
        for await (const rows of readTable(tx, t)) {
          await write(rows.map((row) => JSON.stringify(toLine(t, row, options.secrets)) + '\n').join(''));
          counts[t.type]! += rows.length;
        }
      }
      await write(JSON.stringify({ type: 'end', counts }) + '\n');
    },
    { readOnly: true },
  );
  return counts;
}

function toLine(t: DumpTable, row: DumpRow, secrets: boolean): DumpRow {
  const line: DumpRow = { type: t.type };
  for (const [column, value] of Object.entries(row)) {
    if (!secrets && t.secret?.includes(column)) continue;
    line[column] = t.json?.includes(column) && typeof value === 'string' ? JSON.parse(value) : value;
  }
  return line;
}

export interface DumpImportStats {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Daily entries written (new or changed). */
  listed: number;
  /** Papers written (new or changed), for the search index. */
  changedIds: string[];
  records: number;
}

const byType = new Map(DUMP_TABLES.map((t) => [t.type, t]));

/**
 * Reads dump lines into the database, a batch of rows of one type per transaction. A bad line stops
 * the import with RecordError naming it; every line before it is kept. Importing twice changes nothing.
 */
export async function importDumpLines(db: Db, lines: AsyncIterable<string>, stats: DumpImportStats, onBatch?: () => void): Promise<void> {
  const columns = new Map<string, Set<string>>();
  const seen: Record<string, number> = {};
  const touched = new Set<DumpTable>();
  let batch: { table: DumpTable; rows: DumpRow[]; lineNos: number[] } | null = null;
  let lineNo = 0;
  let header = false;
  let ended = false;

  const flush = async () => {
    if (!batch) return;
    const { table, rows, lineNos } = batch;
    batch = null;
    touched.add(table);
    await writeBatch(db, table, rows, lineNos, stats);
    onBatch?.();
  };

  const reader = lines[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<string>;
      try {
        next = await reader.next();
      } catch (e) {
        // A cut-short gzip stream: keep what came before, name where it broke.
        await flush();
        throw new RecordError(`line ${lineNo + 1}: the file ends abruptly (${(e as Error).message})`);
      }
      if (next.done) break;
      const line = next.value;
      lineNo++;
      if (!line.trim()) continue;
      const fail = (message: string): never => {
        throw new RecordError(`line ${lineNo}: ${message}`);
      };
      let record: DumpRow;
      try {
        record = JSON.parse(line);
      } catch (e) {
        return fail(`invalid JSON (${(e as Error).message})`);
      }
      if (!record || typeof record !== 'object' || Array.isArray(record)) fail('expected a JSON object');
      if (!header) {
        checkHeader(record, fail);
        header = true;
        continue;
      }
      if (ended) fail('a line after the end line');
      if (record.type === 'end') {
        await flush();
        checkCounts(record.counts, seen, fail);
        ended = true;
        continue;
      }
      const table = byType.get(String(record.type));
      if (!table) fail(`unknown type ${JSON.stringify(record.type)} (known: ${[...byType.keys()].join(', ')})`);
      if (!columns.has(table!.table)) columns.set(table!.table, new Set(await tableColumns(db, table!.table)));
      const row = toRow(table!, record, columns.get(table!.table)!, fail);
      seen[table!.type] = (seen[table!.type] ?? 0) + 1;
      if (batch && (batch.table !== table || batch.rows.length >= 500)) await flush();
      batch ??= { table: table!, rows: [], lineNos: [] };
      batch.rows.push(row);
      batch.lineNos.push(lineNo);
    }
    await flush();
    if (!header) throw new RecordError('line 1: the file is empty');
    if (!ended) throw new RecordError(`line ${lineNo + 1}: the file ends before the dump's end line (cut short?)`);
  } finally {
    // Rows kept before an error need their id sequences continued too.
    for (const t of touched) await continueIdentity(db, t);
  }
}

function checkHeader(record: DumpRow, fail: (m: string) => never): void {
  if (record.type !== DUMP_MAGIC) fail(`not a paperboy dump (the first line must have "type": "${DUMP_MAGIC}")`);
  if (record.format !== FORMAT_VERSION) fail(`dump format ${JSON.stringify(record.format)} is not one this paperboy reads (${FORMAT_VERSION})`);
  if (typeof record.schema === 'number' && record.schema > latestVersion) {
    fail(`this dump comes from a newer paperboy (schema ${record.schema}; this one has ${latestVersion}): upgrade paperboy first`);
  }
}

function checkCounts(counts: unknown, seen: Record<string, number>, fail: (m: string) => never): void {
  if (!counts || typeof counts !== 'object') fail('the end line has no "counts"');
  for (const [type, n] of Object.entries(counts as Record<string, unknown>)) {
    if ((seen[type] ?? 0) !== n) fail(`the end line counts ${String(n)} ${type} rows but the file holds ${seen[type] ?? 0}`);
  }
}

function toRow(t: DumpTable, record: DumpRow, known: Set<string>, fail: (m: string) => never): DumpRow {
  const row: DumpRow = {};
  for (const [column, value] of Object.entries(record)) {
    if (column === 'type') continue;
    if (!known.has(column)) fail(`${t.type} has no column "${column}" in this database`);
    if (t.json?.includes(column)) row[column] = value === null ? null : JSON.stringify(value);
    else if (value === null || typeof value === 'string' || typeof value === 'number') row[column] = value;
    else if (typeof value === 'boolean') row[column] = value ? 1 : 0;
    else fail(`${t.type}.${column}: expected a string, a number or null`);
  }
  for (const k of t.key) if (row[k] === undefined || row[k] === null) fail(`${t.type} lacks its key "${k}"`);
  return row;
}

async function writeBatch(db: Db, t: DumpTable, rows: DumpRow[], lineNos: number[], stats: DumpImportStats): Promise<void> {
  const apply = (upTo: number) =>
    db.tx(async (tx) => {
      const counted = { ...stats, changedIds: [] as string[] };
      const stored = await existingRows(tx, t, rows.slice(0, upTo));
      for (let i = 0; i < upTo; i++) {
        const row = rows[i]!;
        const old = stored.get(rowKey(t, row));
        const changed = !old || Object.keys(row).some((c) => !sameValue(old[c], row[c]));
        try {
          if (changed) await writeRow(tx, t, row, old !== undefined);
        } catch (e) {
          throw Object.assign(new RecordError(`line ${lineNos[i]}: ${t.type}: ${describeWriteError(e)}`), { at: i });
        }
        if (!old) counted.inserted++;
        else if (changed) counted.updated++;
        else counted.unchanged++;
        if (changed && t.type === 'daily_entry') counted.listed++;
        if (changed && t.type === 'paper') counted.changedIds.push(String(row.id));
        counted.records++;
      }
      return counted;
    });
  const done = async (counted: DumpImportStats) => {
    Object.assign(stats, merge(stats, counted));
    // Restored papers are embedded for search as imported ones are.
    await papersChanged(db, counted.changedIds);
  };
  let counted;
  try {
    counted = await apply(rows.length);
  } catch (e) {
    const at = (e as { at?: number }).at;
    // Keep the lines before the bad one, as every import does, then report it.
    if (at !== undefined && at > 0) await done(await apply(at));
    throw e;
  }
  await done(counted);
}

function merge(stats: DumpImportStats, counted: DumpImportStats): DumpImportStats {
  return { ...counted, changedIds: [...stats.changedIds, ...counted.changedIds] };
}

const sameValue = (a: unknown, b: unknown) => a === b || (a == null && b == null);

function describeWriteError(e: unknown): string {
  const v = constraintViolation(e);
  if (v?.kind === 'unique') {
    return `conflicts with a different row already in this database${v.columns.length ? ` (same ${v.columns.join(', ')})` : ''}; a dump restores into an empty database or the one it was made from`;
  }
  if (v?.kind === 'foreign_key') return 'refers to a row that is neither in the dump before it nor in this database';
  if (v?.kind === 'not_null') return `lacks a value for ${v.columns.join(', ') || 'a required column'}`;
  return ((e as Error).message ?? String(e)).split('\n')[0]!;
}
