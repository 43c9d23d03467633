// Reading BEIR-style evaluation files (corpus.jsonl `_id,title,text`; queries.jsonl `_id,text`),
// gzip or not, with errors that name the file and line.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

export class BeirError extends Error {}

function lines(path: string): AsyncIterable<string> {
  const file: Readable = createReadStream(path);
  const input = path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  file.on('error', (e) => input.destroy(e));
  return createInterface({ input, crlfDelay: Infinity });
}

/** Each JSON object of a JSON Lines file, with its line number; blank lines skipped. */
export async function* jsonLines(path: string): AsyncGenerator<{ line: number; value: Record<string, unknown> }> {
  let line = 0;
  try {
    for await (const text of lines(path)) {
      line++;
      if (!text.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        throw new BeirError(`${path}: line ${line}: invalid JSON (${(e as Error).message})`);
      }
      if (!value || typeof value !== 'object' || Array.isArray(value)) throw new BeirError(`${path}: line ${line}: expected a JSON object`);
      yield { line, value: value as Record<string, unknown> };
    }
  } catch (e) {
    if (e instanceof BeirError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new BeirError(code === 'ENOENT' ? `${path}: no such file` : `${path}: line ${line + 1}: cannot read (${(e as Error).message})`);
  }
}

function idOf(v: Record<string, unknown>, path: string, line: number): string {
  const id = v._id;
  if ((typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '') throw new BeirError(`${path}: line ${line}: "_id" is missing`);
  return String(id);
}

export interface BeirDocument {
  id: string;
  title: string;
  text: string;
}

export async function* beirCorpus(path: string): AsyncGenerator<BeirDocument> {
  for await (const { line, value } of jsonLines(path)) {
    const id = idOf(value, path, line);
    const title = typeof value.title === 'string' ? value.title : '';
    const text = typeof value.text === 'string' ? value.text : '';
    if (!title.trim() && !text.trim()) throw new BeirError(`${path}: line ${line}: document ${id} has neither "title" nor "text"`);
    yield { id, title, text };
  }
}

export async function beirQueries(path: string): Promise<{ id: string; text: string }[]> {
  const out: { id: string; text: string }[] = [];
  for await (const { line, value } of jsonLines(path)) {
    if (typeof value.text !== 'string') throw new BeirError(`${path}: line ${line}: "text" is missing`);
    out.push({ id: idOf(value, path, line), text: value.text });
  }
  return out;
}
