// What every subcommand shares: opening the database with the schema check, and errors that exit cleanly.
import type { Config } from '../config.ts';
import { openDatabase, type Db } from '../db/driver.ts';
import { describeConnectError } from '../db/errors.ts';
import { latestVersion, migrate, schemaVersion } from '../db/schema.ts';

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
  let version: number | null;
  try {
    version = await schemaVersion(db);
  } catch (e) {
    await db.close();
    throw new CliError(`cannot read the schema version of ${maskUrl(config.database)}: ${describeConnectError(e)}`);
  }
  if (version === null) await migrate(db);
  else if (version < latestVersion) {
    await db.close();
    throw new CliError(`the database schema is at version ${version} but this paperboy needs ${latestVersion}: run \`paperboy migrate\` first`);
  } else if (version > latestVersion) {
    await db.close();
    throw new CliError(`the database schema (version ${version}) is newer than this paperboy (${latestVersion}): upgrade paperboy`);
  }
  return db;
}

/** Opens the configured database without the schema check (`migrate`); failures are one clean line. */
export async function connectDatabase(config: Config): Promise<Db> {
  try {
    return await openDatabase(config.database, { poolSize: config.pgPool });
  } catch (e) {
    throw new CliError(`cannot open database ${maskUrl(config.database)}: ${describeConnectError(e)}`);
  }
}

export function maskUrl(location: string): string {
  return location.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** A progress bar on a terminal; nothing when output is piped. */
export function isInteractive(): boolean {
  return Boolean(process.stderr.isTTY);
}
