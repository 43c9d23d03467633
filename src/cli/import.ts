// `paperboy import FILE… [--format F]`: upserts papers, with a progress bar on a terminal.
import { accessSync, constants, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { FORMATS, type Format } from '../ingest/formats.ts';
import { ImportError, importFile, type ImportResult } from '../ingest/importer.ts';
import { CliError, isInteractive, openCheckedDatabase, type Command } from './context.ts';

/** Why a named file cannot be imported, or null: all are checked before the first is imported. */
function unreadable(path: string): string | null {
  try {
    if (statSync(path).isDirectory()) return `${path} is a directory (name the files in it)`;
    accessSync(path, constants.R_OK);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? `${path}: no such file` : `${path} cannot be read (${code})`;
  }
}

function summary(path: string, r: ImportResult, seconds: number): string {
  return `${path}: ${r.records} records (${r.format}): ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.listed} daily entries set, in ${seconds.toFixed(1)} s\n`;
}

export const importCommand: Command = {
  summary: 'upsert papers from hf-api, paperboy, arxiv or beir files, or restore a `paperboy dump` (gzip or not)',
  usage: 'import FILE… [--format auto|hf-api|paperboy|arxiv|beir|dump]',
  async run(args, config) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string', default: 'auto' } } });
    if (!positionals.length) throw new CliError('import: name at least one file', 2);
    const format = values.format as Format | 'auto';
    if (format !== 'auto' && !FORMATS.includes(format)) throw new CliError(`import: unknown format "${format}" (auto, ${FORMATS.join(', ')})`, 2);
    // A misspelt second name must not leave the first file imported and the rest not.
    for (const path of positionals) {
      const problem = unreadable(path);
      if (problem) throw new CliError(`import: ${problem}; nothing was imported`, 66);
    }
    const db = await openCheckedDatabase(config);
    try {
      for (const path of positionals) {
        const started = performance.now();
        const bar = isInteractive() ? new SingleBar({ format: `${path} [{bar}] {percentage}% | {records} records | {eta_formatted} left`, hideCursor: true, stream: process.stderr }) : null;
        bar?.start(1, 0, { records: 0 });
        try {
          const result = await importFile(db, path, {
            format,
            onProgress: (read, total, records) => {
              bar?.setTotal(total);
              bar?.update(read, { records });
            },
          });
          bar?.stop();
          process.stdout.write(summary(path, result, (performance.now() - started) / 1000));
        } catch (e) {
          bar?.stop();
          if (!(e instanceof ImportError)) throw e;
          const kept = e.result?.records ?? 0;
          if (kept) process.stderr.write(`kept the ${kept === 1 ? 'record' : `${kept} records`} before the error\n`);
          throw new CliError(`import failed: ${e.message}`, 65);
        }
      }
    } finally {
      await db.close();
    }
  },
};
