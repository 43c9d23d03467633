// `paperboy dump FILE [--with-secrets]`: the whole instance as JSON Lines (gzip when FILE ends in
// .gz), for `paperboy import` on another database. Written to a temporary file and renamed at the
// end, so a failed dump never leaves a partial FILE behind.
import { createWriteStream, rmSync } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';
import { writeDump } from '../ingest/dump-format.ts';
import { CliError, openCheckedDatabase, type Command } from './context.ts';
import { cannotWrite, checkOutput, moveIntoPlace, partialPath } from './output-file.ts';

async function writeTo(out: Writable, line: string): Promise<void> {
  if (!out.write(line)) await once(out, 'drain');
}

function finish(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    out.once('error', reject);
    out.end(resolve);
  });
}

export const dumpCommand: Command = {
  summary: 'write the whole instance (papers, daily entries, users, votes, comments, subscriptions) as JSON Lines for `import`',
  usage: 'dump FILE|- [--with-secrets]',
  async run(args, config) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'with-secrets': { type: 'boolean', default: false } } });
    if (positionals.length !== 1) throw new CliError('dump: name one file to write (FILE.jsonl, FILE.jsonl.gz, or - for standard output)', 2);
    const target = positionals[0]!;
    const secrets = values['with-secrets']!;
    if (target !== '-') checkOutput('dump', target);
    const db = await openCheckedDatabase(config);
    const started = performance.now();
    const temp = target === '-' ? null : partialPath(target);
    let file: Writable | null = null;
    try {
      let out: Writable = process.stdout;
      if (temp) {
        // Users' e-mail addresses are in every dump, password hashes in some: readable by the owner only.
        file = createWriteStream(temp, { mode: 0o600 });
        await once(file, 'open').catch((e: unknown) => {
          throw cannotWrite('dump', target, e);
        });
        out = file;
        if (target.endsWith('.gz')) {
          const gzip = createGzip();
          gzip.pipe(file);
          out = gzip;
        }
      }
      const counts = await writeDump(db, (line) => writeTo(out, line), { secrets });
      if (temp) {
        await finish(out);
        if (out !== file) await once(file!, 'finish');
        moveIntoPlace('dump', temp, target);
      }
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      const detail = Object.entries(counts).map(([type, n]) => `${n} ${type}`).join(', ');
      const note = `${target === '-' ? 'dump' : target}: ${total} rows (${detail})${secrets ? ', with secrets' : ', without password hashes'}, in ${((performance.now() - started) / 1000).toFixed(1)} s\n`;
      (target === '-' ? process.stderr : process.stdout).write(note);
    } catch (e) {
      file?.destroy();
      if (temp) rmSync(temp, { force: true });
      // A write that failed part-way (disk full): named by the target, not the partial file.
      throw temp && (e as NodeJS.ErrnoException).syscall === 'write' ? cannotWrite('dump', target, e) : e;
    } finally {
      await db.close();
    }
  },
};
