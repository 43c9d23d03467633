// `paperboy help`, one command's help, `--version` and mistyped commands, as a terminal shows them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../src/cli/index.ts';
import { runCli } from './cli.ts';

const env = { PAPERBOY_DEMO: 'false' };
const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')) as { version: string };
// SPEC §1's commands, user and token with their subcommands.
const SPEC_COMMANDS = ['serve', 'migrate', 'import', 'fetch', 'harvest', 'index', 'search', 'search-run', 'digest', 'user add', 'user link', 'user list', 'token add', 'dump', 'config'];

describe('paperboy help', () => {
  it('lists every command with what it does, in lines that fit 80 columns', async () => {
    const run = await runCli(['help'], env);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^usage: paperboy <command> \[options\]\n\n {2}serve \[--port N\]\n {6}run the web server/);
    for (const command of SPEC_COMMANDS) expect(run.stdout).toMatch(new RegExp(`(^ {2}| \\| )${command}\\b`, 'm'));
    for (const line of run.stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    // A long usage is continued under the command's first argument, not cut mid-option.
    expect(run.stdout).toContain('  search QUERY [--json] [--limit N] [--sort relevance|newest|upvotes]\n         [--from DAY]');
    expect((await runCli(['--help'], env)).stdout).toBe(run.stdout);
  });

  it('shows one command by `help COMMAND` and by `COMMAND --help`, without running it', async () => {
    const help = await runCli(['help', 'dump'], env);
    expect(help).toMatchObject({
      code: 0,
      stderr: '',
      stdout: 'usage: paperboy dump FILE|- [--with-secrets]\n\nwrite the whole instance (papers, daily entries, users, votes, comments,\nsubscriptions) as JSON Lines for `import`\n',
    });
    // Without --help this would write a dump to standard output.
    expect(await runCli(['dump', '-', '--help'], env)).toEqual(help);
  });

  it('prints the version', async () => {
    expect(await runCli(['--version'], env)).toMatchObject({ code: 0, stdout: `paperboy ${pkg.version}\n`, stderr: '' });
  });

  it('answers a mistyped command with one line naming the nearest command', async () => {
    const run = await runCli(['serch', 'transformers'], env);
    expect(run).toMatchObject({ code: 2, stdout: '', stderr: 'paperboy: unknown command "serch"; did you mean `paperboy search`? `paperboy help` lists the commands\n' });
    expect(await runCli(['help', 'frobnicate'], env)).toMatchObject({ code: 2, stdout: '', stderr: 'paperboy: unknown command "frobnicate"; `paperboy help` lists the commands\n' });
  });

  it('shows the list on stderr with status 2 when no command is given', async () => {
    const run = await runCli([], env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe((await runCli(['help'], env)).stdout);
  });

  it('matches the README, whose command table shows each command as the help does', () => {
    const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');
    for (const [name, { usage }] of Object.entries(commands)) {
      // `user add … | user link NAME | user list` are rows of their own; `|` is escaped in a table cell.
      for (const form of usage.split(new RegExp(` \\| (?=${name}\\b)`))) expect(readme).toContain(`| \`paperboy ${form.replaceAll('|', '\\|')}\` |`);
    }
  });
});
