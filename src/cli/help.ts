// What `paperboy help`, `paperboy COMMAND --help`, `--version` and a mistyped command print: text that
// fits an 80-column terminal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from './index.ts';

const WIDTH = 80;
const SUMMARY_INDENT = '      ';

/**
 * Fills lines up to WIDTH with the words of `text`; an option in brackets ("[--from DAY]") stays
 * whole. The first line starts with `first`, the others with `rest`.
 */
function wrap(text: string, first: string, rest: string): string {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.match(/\[[^\]]*\]|\S+/g) ?? []) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = rest + word;
    } else line += (empty ? '' : ' ') + word;
    empty = false;
  }
  return [...lines, line].join('\n') + '\n';
}

/** A command's usage (continued under its first argument) and, indented below it, what it does. */
function entry(name: string): string {
  const { usage, summary } = commands[name]!;
  return wrap(usage, '  ', ' '.repeat(3 + name.length)) + wrap(summary, SUMMARY_INDENT, SUMMARY_INDENT);
}

export function usage(): string {
  return (
    'usage: paperboy <command> [options]\n\n' +
    Object.keys(commands).map(entry).join('') +
    '\n' +
    wrap('`paperboy help COMMAND` or `paperboy COMMAND --help` shows one command; `paperboy --version` the version.', '', '')
  );
}

export function commandHelp(name: string): string {
  const { usage, summary } = commands[name]!;
  return wrap(usage, 'usage: paperboy ', ' '.repeat(16 + name.length + 1)) + '\n' + wrap(summary, '', '');
}

/** True when the arguments ask for the command's help (before any `--`). */
export function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** One line for a name that is no command, with the nearest command when it looks like a typo. */
export function unknownCommand(name: string): string {
  const near = Object.keys(commands)
    .map((c) => ({ c, d: distance(name, c) }))
    .filter(({ d }) => d <= 2)
    .sort((a, b) => a.d - b.d)[0];
  const hint = near ? `did you mean \`paperboy ${near.c}\`? ` : '';
  return `paperboy: unknown command "${name}"; ${hint}\`paperboy help\` lists the commands\n`;
}

/** Edit distance (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

export function version(): string {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };
  return `paperboy ${pkg.version}\n`;
}
