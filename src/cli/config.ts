// `paperboy config [--markdown]`: the effective configuration, secrets masked; or the option table.
import { parseArgs } from 'node:util';
import { configMarkdown, describeConfig } from '../config.ts';
import type { Command } from './context.ts';

export const configCommand: Command = {
  summary: 'print the effective configuration, secrets masked (--markdown: the documented option table)',
  usage: 'config [--markdown]',
  async run(args, config) {
    const { values } = parseArgs({ args, options: { markdown: { type: 'boolean', default: false } } });
    if (values.markdown) {
      process.stdout.write(configMarkdown());
      return;
    }
    const rows = describeConfig(config);
    const width = Math.max(...rows.map((r) => r.env.length));
    for (const r of rows) process.stdout.write(`${r.env.padEnd(width)}  ${r.value}\n`);
  },
};
