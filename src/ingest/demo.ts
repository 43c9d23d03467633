// The bundled demo corpus, loaded into an empty database on first start so a newcomer sees real papers.
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/driver.ts';
import { hasAnyPaper } from '../db/papers.ts';
import type { Logger } from '../log.ts';
import { importFile } from './importer.ts';

export const DEMO_FILE = fileURLToPath(new URL('../../demo/daily-papers.jsonl.gz', import.meta.url));

/** Loads the demo corpus when the database holds no paper at all; one indexed lookup otherwise. */
export async function loadDemoIfEmpty(db: Db, log: Logger): Promise<boolean> {
  if (await hasAnyPaper(db)) return false;
  const started = performance.now();
  // One transaction: a start stopped half-way (Ctrl-C) must not leave part of the corpus, which the
  // next start would take for a site with papers and never complete.
  const result = await importFile(db, DEMO_FILE, { format: 'paperboy', batchSize: Number.POSITIVE_INFINITY });
  log.info({ papers: result.inserted, ms: Math.round(performance.now() - started) }, 'loaded the demo corpus into the empty database');
  return true;
}
