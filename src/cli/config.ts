// `paperboy config`: the effective configuration, secrets masked.
import { describeConfig } from '../config.ts';
import type { Command } from './context.ts';

export const configCommand: Command = {
  summary: 'print the effective configuration, secrets masked',
  usage: 'config',
  async run(_args, config) {
    const rows = describeConfig(config);
    const width = Math.max(...rows.map((r) => r.env.length));
    for (const r of rows) process.stdout.write(`${r.env.padEnd(width)}  ${r.value}\n`);
  },
};
