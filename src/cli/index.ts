// The subcommands of `paperboy`, one module each.
import type { Command } from './context.ts';
import { registerArxivImport } from '../arxiv/document.ts';
import { configCommand } from './config.ts';
import { digestCommand } from './digest.ts';
import { dumpCommand } from './dump.ts';
import { fetchCommand } from './fetch.ts';
import { harvestCommand } from './harvest.ts';
import { importCommand } from './import.ts';
import { migrateCommand } from './migrate.ts';
import { indexCommand } from './index-cmd.ts';
import { searchCommand } from './search.ts';
import { searchRunCommand } from './search-run.ts';
import { serveCommand } from './serve.ts';
import { tokenCommand } from './token.ts';
import { userCommand } from './user.ts';

// `import --format arxiv` reads arXiv API and OAI-PMH XML.
registerArxivImport();

export const commands: Record<string, Command> = {
  serve: serveCommand,
  migrate: migrateCommand,
  import: importCommand,
  dump: dumpCommand,
  config: configCommand,
  fetch: fetchCommand,
  harvest: harvestCommand,
  user: userCommand,
  token: tokenCommand,
  digest: digestCommand,
  index: indexCommand,
  search: searchCommand,
  'search-run': searchRunCommand,
};
