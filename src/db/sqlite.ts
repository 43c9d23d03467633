// SQLite through better-sqlite3 (WAL mode). Calls are synchronous underneath; a lock keeps other
// requests' statements out of an open transaction while its async body awaits.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db, Row, TxOptions } from './driver.ts';

export function openSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  return new SqliteDb(raw);
}

class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  private statements = new Map<string, Database.Statement>();
  private lock: Promise<void> | null = null;
  private depth = 0;

  constructor(private raw: Database.Database, private inTx = false, private root?: SqliteDb) {}

  private statement(sql: string): Database.Statement {
    const owner = this.root ?? this;
    let st = owner.statements.get(sql);
    if (!st) {
      st = owner.raw.prepare(sql);
      owner.statements.set(sql, st);
    }
    return st;
  }

  private async ready(): Promise<void> {
    if (this.inTx) return;
    while (this.lock) await this.lock;
  }

  async all<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    await this.ready();
    return this.statement(sql).all(...params.map(bind)) as T[];
  }

  async get<T = Row>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    await this.ready();
    return this.statement(sql).get(...params.map(bind)) as T | undefined;
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<{ changes: number }> {
    await this.ready();
    const result = this.statement(sql).run(...params.map(bind));
    return { changes: result.changes };
  }

  async exec(sql: string): Promise<void> {
    await this.ready();
    this.raw.exec(sql);
  }

  async tx<T>(fn: (db: Db) => Promise<T>, options: TxOptions = {}): Promise<T> {
    if (this.inTx) return this.savepoint(fn);
    await this.ready();
    let release!: () => void;
    this.lock = new Promise((r) => (release = r));
    const inner = new SqliteDb(this.raw, true, this);
    try {
      // A writer takes the write lock up front (no deadlock on upgrade); a WAL reader never needs it.
      this.raw.exec(options.readOnly ? 'BEGIN DEFERRED' : 'BEGIN IMMEDIATE');
      const result = await fn(inner);
      this.raw.exec('COMMIT');
      return result;
    } catch (err) {
      if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
      throw err;
    } finally {
      this.lock = null;
      release();
    }
  }

  /** A nested transaction: its failure undoes only its own work, as on PostgreSQL. */
  private async savepoint<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const name = `sp${++this.depth}`;
    this.raw.exec(`SAVEPOINT ${name}`);
    try {
      const result = await fn(this);
      this.raw.exec(`RELEASE ${name}`);
      return result;
    } catch (err) {
      this.raw.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      throw err;
    } finally {
      this.depth--;
    }
  }

  async close(): Promise<void> {
    this.raw.close();
  }
}

function bind(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}
