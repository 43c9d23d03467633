// Entry: config → command. Each command opens what it needs (database, schema check, server).
import { ConfigError, loadConfig } from './config.ts';
import { commands } from './cli/index.ts';
import { asksForHelp, commandHelp, unknownCommand, usage, version } from './cli/help.ts';
import { CliError } from './cli/context.ts';

const [name, ...args] = process.argv.slice(2);

// A reader that goes away (`paperboy dump - | head`) ends the command quietly, as SIGPIPE ends a Unix
// tool. Node ignores SIGPIPE, so the next write fails with EPIPE instead; 141 (128 + SIGPIPE) is the
// status a shell reports for a tool SIGPIPE ended. Any other failure to write is one line, not a trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(141);
    if (stream === process.stdout) process.stderr.write(`paperboy: cannot write to standard output: ${err.message}\n`);
    process.exit(74);
  });
}

async function main(): Promise<number> {
  if (!name) {
    process.stderr.write(usage());
    return 2;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(version());
    return 0;
  }
  if (name === 'help' || name === '--help' || name === '-h') return help(args[0]);
  const command = commands[name];
  if (!command) return help(name);
  if (asksForHelp(args)) return help(name);
  const config = loadConfig();
  return (await command.run(args, config)) ?? 0;
}

/** The list of commands, or one command's help; a name that is no command is a usage error. */
function help(topic: string | undefined): number {
  if (topic === undefined) process.stdout.write(usage());
  else if (!commands[topic]) {
    process.stderr.write(unknownCommand(topic));
    return 2;
  } else process.stdout.write(commandHelp(topic));
  return 0;
}

main().then(
  (code) => {
    if (code !== 0 || name !== 'serve') process.exitCode = code;
  },
  (err: unknown) => {
    if ((err as NodeJS.ErrnoException)?.code?.startsWith('ERR_PARSE_ARGS')) {
      // An unknown or malformed option: say which, and how the command is used.
      process.stderr.write(`paperboy ${name}: ${(err as Error).message}\nusage: paperboy ${commands[name!]?.usage ?? name}\n`);
      process.exitCode = 2;
    } else if (err instanceof ConfigError || err instanceof CliError) {
      process.stderr.write(`paperboy: ${err.message}\n`);
      process.exitCode = err instanceof CliError ? err.exitCode : 78;
    } else {
      process.stderr.write(`paperboy: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 70;
    }
  },
);
