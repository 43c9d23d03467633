// `paperboy user add NAME --email E [--admin]`, `user link NAME`, `user list`: accounts from the
// command line. The password comes as one line on stdin when piped; otherwise the command prints
// a one-time link where the new user sets it.
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { recentUsers, userByName } from '../db/users.ts';
import { passwordLinkToken, LINK_HOURS } from '../domain/password-links.ts';
import { AccountError, createAccount } from '../domain/users.ts';
import { CliError, openCheckedDatabase, type Command } from './context.ts';

/** The first line of piped stdin, or null on a terminal or when nothing was piped. */
async function passwordFromStdin(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  const line = text.split(/\r?\n/)[0] ?? '';
  return line === '' ? null : line;
}

function setPasswordLink(config: Config, user: { id: number; passwordHash: string | null }): string {
  return `${config.baseUrl}/reset?token=${passwordLinkToken(config.secret, user, Date.now())}`;
}

async function add(args: string[], config: Config): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { email: { type: 'string' }, admin: { type: 'boolean', default: false } } });
  const [username, ...extra] = positionals;
  if (!username || extra.length) throw new CliError('usage: paperboy user add NAME --email E [--admin]', 2);
  if (!values.email) throw new CliError('user add: --email is required', 2);
  const password = await passwordFromStdin();
  const db = await openCheckedDatabase(config);
  try {
    const user = await createAccount(db, { username, email: values.email, password, isAdmin: values.admin });
    const role = user.isAdmin ? 'administrator' : 'member';
    if (password !== null) {
      process.stdout.write(`created ${role} ${user.username} <${user.email}> with the password from stdin\n`);
    } else {
      process.stdout.write(
        `created ${role} ${user.username} <${user.email}> without a password.\n` +
          `They set one at this link (valid ${LINK_HOURS} hours, once):\n${setPasswordLink(config, user)}\n`,
      );
    }
  } catch (err) {
    if (err instanceof AccountError) throw new CliError(`user add: ${err.field === 'password' ? 'the password on stdin' : err.field}: ${err.message}`, 65);
    throw err;
  } finally {
    await db.close();
  }
}

async function link(args: string[], config: Config): Promise<void> {
  const [username, ...extra] = args;
  if (!username || extra.length) throw new CliError('usage: paperboy user link NAME', 2);
  const db = await openCheckedDatabase(config);
  try {
    const user = await userByName(db, username);
    if (!user) throw new CliError(`user link: there is no user "${username}"`, 66);
    process.stdout.write(`${user.username} can set a new password at this link (valid ${LINK_HOURS} hours, once):\n${setPasswordLink(config, user)}\n`);
  } finally {
    await db.close();
  }
}

async function list(_args: string[], config: Config): Promise<void> {
  const db = await openCheckedDatabase(config);
  try {
    for (const u of await recentUsers(db, 10_000)) {
      const flags = [u.isAdmin && 'admin', u.suspended && 'suspended', !u.passwordHash && 'no password'].filter(Boolean).join(', ');
      process.stdout.write(`${u.username}\t${u.email ?? ''}\t${u.createdAt.slice(0, 10)}${flags ? `\t${flags}` : ''}\n`);
    }
  } finally {
    await db.close();
  }
}

const SUBCOMMANDS: Record<string, (args: string[], config: Config) => Promise<void>> = { add, link, list };

const USAGE = 'user add NAME --email E [--admin] | user link NAME | user list';

export const userCommand: Command = {
  summary: 'create accounts (add), print a set-password link (link), list them (list)',
  usage: USAGE,
  async run(args, config) {
    const [sub, ...rest] = args;
    const run = sub ? SUBCOMMANDS[sub] : undefined;
    if (!run) throw new CliError(`usage: paperboy ${USAGE}`, 2);
    await run(rest, config);
  },
};
