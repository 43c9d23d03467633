// What every subcommand shares: opening the database with the schema check, and errors that exit cleanly.
import { maskDatabaseUrl, type Config } from '../config.ts';
import { openDatabase, type Db } from '../db/driver.ts';
import { describeConnectError } from '../db/errors.ts';
import { latestVersion, migrate, schemaState, type SchemaState } from '../db/schema.ts';

/** An error the user can act on: printed as one line, exit code given. No stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export interface Command {
  summary: string;
  usage: string;
  run(args: string[], config: Config): Promise<number | void>;
}

/**
 * Opens the configured database. A new, empty database is created and migrated; an existing one
 * whose schema is behind the code is refused, so nothing runs against tables it does not expect.
 */
export async function openCheckedDatabase(config: Config): Promise<Db> {
  const db = await connectDatabase(config);
  let state: SchemaState | null;
  try {
    state = await schemaState(db);
  } catch (e) {
    await db.close();
    throw new CliError(`cannot read the schema version of ${maskDatabaseUrl(config.database)}: ${describeConnectError(e)}`);
  }
  if (state === null) await migrate(db);
  else if (state.unknown.length) {
    await db.close();
    throw new CliError(`the database schema has migration ${state.unknown.join(', ')}, newer than this paperboy (${latestVersion}): upgrade paperboy`);
  } else if (state.pending.length) {
    await db.close();
    const missing = state.pending.map((m) => `${m.version} (${m.name})`).join(', ');
    throw new CliError(`the database schema is behind this paperboy: migration ${missing} not applied; run \`paperboy migrate\` first`);
  }
  return db;
}

/** Opens the configured database without the schema check (`migrate`); failures are one clean line. */
export async function connectDatabase(config: Config): Promise<Db> {
  try {
    return await openDatabase(config.database, { poolSize: config.pgPool });
  } catch (e) {
    throw new CliError(`cannot open database ${maskDatabaseUrl(config.database)}: ${describeConnectError(e)}`);
  }
}

/** A progress bar on a terminal; nothing when output is piped. */
export function isInteractive(): boolean {
  return Boolean(process.stderr.isTTY);
}
