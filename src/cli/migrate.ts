// `paperboy migrate`: creates or upgrades the schema.
import { latestVersion, migrate } from '../db/schema.ts';
import { maskDatabaseUrl } from '../config.ts';
import { connectDatabase, type Command } from './context.ts';

export const migrateCommand: Command = {
  summary: 'create or upgrade the database schema',
  usage: 'migrate',
  async run(_args, config) {
    const db = await connectDatabase(config);
    try {
      const applied = await migrate(db);
      process.stdout.write(
        applied.length
          ? `applied migration${applied.length > 1 ? 's' : ''} ${applied.join(', ')}; ${maskDatabaseUrl(config.database)} is at version ${latestVersion}\n`
          : `${maskDatabaseUrl(config.database)} is up to date (version ${latestVersion})\n`,
      );
    } finally {
      await db.close();
    }
  },
};
