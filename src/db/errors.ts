// Database errors recognised the same way on both drivers: constraint violations (so a duplicate can
// become a 409 without knowing the dialect) and connection failures (so the CLI prints one clear line).

export type ConstraintKind = 'unique' | 'foreign_key' | 'not_null' | 'check';

export interface ConstraintViolation {
  kind: ConstraintKind;
  /** The columns involved when the driver says which (e.g. ['username']); empty when it does not. */
  columns: string[];
  /** The constraint or index name when the driver gives it (always for an expression index). */
  constraint: string | null;
}

// better-sqlite3 puts SQLite's extended result code in `code`; pg puts the SQLSTATE there.
const SQLITE_CODES: Record<string, ConstraintKind> = {
  SQLITE_CONSTRAINT_UNIQUE: 'unique',
  SQLITE_CONSTRAINT_PRIMARYKEY: 'unique',
  SQLITE_CONSTRAINT_FOREIGNKEY: 'foreign_key',
  SQLITE_CONSTRAINT_NOTNULL: 'not_null',
  SQLITE_CONSTRAINT_CHECK: 'check',
};
const SQLSTATES: Record<string, ConstraintKind> = { '23505': 'unique', '23503': 'foreign_key', '23502': 'not_null', '23514': 'check' };

/**
 * What constraint a failed statement broke, or null when the error is something else.
 * On PostgreSQL a failed statement aborts the surrounding transaction: to carry on after catching
 * one, run the statement in a nested `tx` (a savepoint), or prefer `on conflict … do nothing`.
 */
export function constraintViolation(err: unknown): ConstraintViolation | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as { code?: unknown; message?: unknown; detail?: unknown; column?: unknown; constraint?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : '';
  const sqlite = SQLITE_CODES[code];
  if (sqlite) {
    // "UNIQUE constraint failed: users.username, users.email" or "…failed: index 'users_username_lower'"
    const list = /constraint failed: (.+)$/.exec(message)?.[1] ?? '';
    const index = /^index '([^']+)'$/.exec(list)?.[1] ?? null;
    const named = !index && sqlite !== 'foreign_key' && sqlite !== 'check';
    return { kind: sqlite, columns: named ? list.split(',').map((c) => c.trim().split('.').pop()!) : [], constraint: index };
  }
  const pg = SQLSTATES[code];
  if (pg) {
    // detail: 'Key (username)=(ada) already exists.', 'Key (lower(username))=(ada) …', 'Key (paper_id)=(x) is not present …'
    const key = typeof e.detail === 'string' ? /^Key \((.+?)\)=\(/.exec(e.detail)?.[1] : undefined;
    const columns = key
      ? key.split(',').map((c) => c.trim().replace(/^\w+\((.+)\)$/, '$1').replace(/^"|"$/g, ''))
      : typeof e.column === 'string' ? [e.column] : [];
    return { kind: pg, columns, constraint: typeof e.constraint === 'string' ? e.constraint : null };
  }
  return null;
}

/**
 * A unique violation, optionally on a given column. An expression index (`lower(username)`) is
 * named by SQLite only by its index name, so a name like `users_username_lower` also matches 'username'.
 */
export function isUniqueViolation(err: unknown, column?: string): boolean {
  const v = constraintViolation(err);
  if (v?.kind !== 'unique') return false;
  return column === undefined || v.columns.includes(column) || (v.constraint !== null && `_${v.constraint}_`.includes(`_${column}_`));
}

export function isForeignKeyViolation(err: unknown): boolean {
  return constraintViolation(err)?.kind === 'foreign_key';
}

/** A connection or authentication failure as one line, e.g. "connection refused at 127.0.0.1:5999". */
export function describeConnectError(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: unknown[]; address?: string; port?: number };
  // Node reports "localhost" tried on both ::1 and 127.0.0.1 as an AggregateError with an empty message.
  if (Array.isArray(e?.errors) && e.errors.length && !e.message) return describeConnectError(e.errors[e.errors.length - 1]);
  const at = e?.address ? ` at ${e.address}${e.port ? `:${e.port}` : ''}` : '';
  switch (e?.code) {
    case 'ECONNREFUSED':
      return `connection refused${at} (is the server running?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `unknown host${e.message ? ` (${e.message.replace(/^getaddrinfo \w+ /, '')})` : ''}`;
    case 'ERR_INVALID_URL':
      return 'not a valid postgres://user:password@host:port/database URL';
    case 'ETIMEDOUT':
      return `connection timed out${at}`;
    case '28P01':
    case '28000':
    case '3D000':
    case '42501':
      return e.message ?? String(err); // pg's own text is clear: bad password, unknown role or database, no permission
  }
  return (e?.message || String(err)).split('\n')[0]!;
}
