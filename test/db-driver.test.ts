// The Db contract both drivers must keep: placeholders, binding, transactions and savepoints, and
// constraint errors recognised the same way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/driver.ts';
import { constraintViolation, isForeignKeyViolation, isUniqueViolation } from '../src/db/errors.ts';
import { numberPlaceholders } from '../src/db/postgres.ts';
import { DATABASES, testEnv, type TestEnv } from './support.ts';

describe('numberPlaceholders', () => {
  it('numbers ? outside literals, quoted names, comments and dollar-quoted bodies', () => {
    expect(numberPlaceholders(`select ? as "a?", 'it''s ?' -- what?\n, ? /* ? */ , $$?$$, $t$ ? $t$, ?`)).toBe(
      `select $1 as "a?", 'it''s ?' -- what?\n, $2 /* ? */ , $$?$$, $t$ ? $t$, $3`,
    );
    expect(numberPlaceholders('insert into t values (?, ?)')).toBe('insert into t values ($1, $2)');
  });
});

describe.each(DATABASES)('Db on $name', ({ name }) => {
  let t: TestEnv;
  beforeAll(async () => {
    t = await testEnv(name);
    await t.db.exec(`create table kv (k text primary key, v integer, note text not null default '?')`);
  });
  afterAll(() => t?.close());

  it('binds ? parameters in order, booleans as 0/1 and undefined as null', async () => {
    await t.db.run('insert into kv (k, v) values (?, ?)', ['yes', true]);
    await t.db.run('insert into kv (k, v) values (?, ?)', ['none', undefined]);
    expect(await t.db.get('select v, note from kv where k = ?', ['yes'])).toEqual({ v: 1, note: '?' });
    expect(await t.db.get('select v from kv where k = ?', ['none'])).toEqual({ v: null });
    expect(await t.db.get('select v from kv where k = ?', ['missing'])).toBeUndefined();
  });

  it('returns counts as numbers and reports changed rows', async () => {
    expect(await t.db.get('select cast(count(*) as integer) as n from kv')).toEqual({ n: 2 });
    expect(await t.db.run('update kv set v = ? where k in (?, ?)', [5, 'yes', 'none'])).toEqual({ changes: 2 });
  });

  it('rolls a failed transaction back whole', async () => {
    await expect(
      t.db.tx(async (tx) => {
        await tx.run('insert into kv (k, v) values (?, ?)', ['tx1', 1]);
        await tx.run('insert into kv (k, v) values (?, ?)', ['yes', 2]);
      }),
    ).rejects.toSatisfy(isUniqueViolation);
    expect(await t.db.get('select k from kv where k = ?', ['tx1'])).toBeUndefined();
  });

  it('undoes only a failed nested transaction, and the outer one carries on', async () => {
    await t.db.tx(async (tx) => {
      await tx.run('insert into kv (k, v) values (?, ?)', ['outer', 1]);
      const duplicate = await tx
        .tx(async (inner) => {
          await inner.run('insert into kv (k, v) values (?, ?)', ['inner', 1]);
          await inner.run('insert into kv (k, v) values (?, ?)', ['outer', 2]);
        })
        .catch((e: unknown) => e);
      expect(isUniqueViolation(duplicate, 'k')).toBe(true);
      await tx.tx((inner) => inner.run('insert into kv (k, v) values (?, ?)', ['kept', 3]));
    });
    const keys = await t.db.all<{ k: string }>("select k from kv where k in ('outer', 'inner', 'kept') order by k");
    expect(keys.map((r) => r.k)).toEqual(['kept', 'outer']);
  });

  it('gives a read-only transaction one snapshot while another process writes', async () => {
    const other = await openDatabase(t.location);
    try {
      const counts = await t.db.tx(
        async (tx) => {
          const before = await tx.get<{ n: number }>('select cast(count(*) as integer) as n from kv');
          await other.run('insert into kv (k, v) values (?, ?)', ['written meanwhile', 1]); // not held up
          const after = await tx.get<{ n: number }>('select cast(count(*) as integer) as n from kv');
          return [before!.n, after!.n];
        },
        { readOnly: true },
      );
      expect(counts[1]).toBe(counts[0]);
      expect(await t.db.get('select k from kv where k = ?', ['written meanwhile'])).toEqual({ k: 'written meanwhile' });
    } finally {
      await other.close();
    }
  });

  it('recognises unique, foreign key and not-null violations with their columns', async () => {
    const error = (sql: string, params: unknown[]) => t.db.run(sql, params).then(() => null, (e: unknown) => e);
    const unique = await error('insert into users (username, created_at) values (?, ?), (?, ?)', ['ada', 'x', 'ada', 'x']);
    expect(constraintViolation(unique)?.kind).toBe('unique');
    expect(isUniqueViolation(unique, 'username')).toBe(true);
    expect(isUniqueViolation(unique, 'email')).toBe(false);
    const pk = await error('insert into kv (k) values (?)', ['yes']);
    expect(constraintViolation(pk)).toMatchObject({ kind: 'unique', columns: ['k'] });
    const fk = await error('insert into votes (user_id, paper_id, created_at) values (?, ?, ?)', [999, 'nope', 'x']);
    expect(isForeignKeyViolation(fk)).toBe(true);
    expect(isUniqueViolation(fk)).toBe(false);
    const notNull = await error('insert into kv (k, note) values (?, ?)', ['n', null]);
    expect(constraintViolation(notNull)).toMatchObject({ kind: 'not_null', columns: ['note'] });
    expect(constraintViolation(new Error('something else'))).toBeNull();
  });
});
