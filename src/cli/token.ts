// `paperboy token add NAME [--name LABEL]`: a new API token for a user, printed as the last word
// of the output so scripts can take it with `| awk '{print $NF}'`.
import { parseArgs } from 'node:util';
import { userByName } from '../db/users.ts';
import { AccountError, createApiToken } from '../domain/users.ts';
import { CliError, openCheckedDatabase, type Command } from './context.ts';

const USAGE = 'token add NAME [--name LABEL]';

export const tokenCommand: Command = {
  summary: 'print a new API token for a user (the last word of the output)',
  usage: USAGE,
  async run(args, config) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { name: { type: 'string', default: 'command line' } } });
    const [sub, username, ...extra] = positionals;
    if (sub !== 'add' || !username || extra.length) throw new CliError(`usage: paperboy ${USAGE}`, 2);
    const db = await openCheckedDatabase(config);
    try {
      const user = await userByName(db, username);
      if (!user) throw new CliError(`token add: there is no user "${username}" (create one with \`paperboy user add\`)`, 66);
      if (user.suspended) throw new CliError(`token add: ${user.username} is suspended; a token would not work`, 65);
      const { token } = await createApiToken(db, user.id, values.name);
      process.stdout.write(`API token "${values.name}" for ${user.username} (shown once; send it as Authorization: Bearer …): ${token}\n`);
    } catch (err) {
      if (err instanceof AccountError) throw new CliError(`token add: --name: ${err.message}`, 65);
      throw err;
    } finally {
      await db.close();
    }
  },
};
