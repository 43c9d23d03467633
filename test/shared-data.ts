// Where the real-data fixtures live (Hugging Face history, arXiv metadata, SciFact): beside the
// checkout in ../shared/data, or wherever PAPERBOY_SHARED_DATA says (a clone elsewhere, CI).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

function sharedData(): string {
  const candidates = [
    process.env.PAPERBOY_SHARED_DATA,
    join(import.meta.dirname, '../../shared/data'),
    '/work/shared/data',
  ].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(join(p, 'hf-api-samples')));
  if (!found) throw new Error(`the shared data fixtures are missing: looked in ${candidates.map((p) => resolve(p)).join(', ')}; set PAPERBOY_SHARED_DATA`);
  return found;
}

export const DATA = sharedData();
