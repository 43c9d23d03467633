// `paperboy import`: streams a file (gzip or not), recognises its format, parses each record and
// upserts in batches. A bad record stops the import; the batches before it stay committed.
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import type { Db } from '../db/driver.ts';
import type { PaperInput } from '../domain/paper.ts';
import { emptyStats, upsertPapers, type UpsertStats } from '../domain/papers.ts';
import { importDumpLines } from './dump-format.ts';
import { detectFormat, parseBeir, parseHfItem, parsePaperboy, RecordError, type Format } from './formats.ts';

export interface ImportOptions {
  format?: Format | 'auto';
  batchSize?: number;
  /** Called after each batch with the compressed bytes read so far and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number, records: number) => void;
}

export interface ImportResult extends UpsertStats {
  format: Format;
  records: number;
}

/** Names the file, the place and what is wrong; carries what was imported before the failure. */
export class ImportError extends Error {
  constructor(message: string, readonly result: ImportResult | null) {
    super(message);
  }
}

/** Record parsers for the line-oriented formats; other modules register theirs (arXiv XML). */
const lineParsers: Partial<Record<Format, (record: unknown) => PaperInput>> = {
  paperboy: parsePaperboy,
  'hf-api': parseHfItem,
  beir: parseBeir,
};

/** Whole-document formats (XML): the text in, the papers out. */
const documentParsers: Partial<Record<Format, (text: string) => PaperInput[]>> = {};

export function registerDocumentFormat(format: Format, parse: (text: string) => PaperInput[]): void {
  documentParsers[format] = parse;
}

function isGzip(path: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const s = createReadStream(path, { start: 0, end: 1 });
    const chunks: Buffer[] = [];
    s.on('data', (c) => chunks.push(c as Buffer));
    s.on('error', reject);
    s.on('end', () => {
      const b = Buffer.concat(chunks);
      resolve(b.length === 2 && b[0] === 0x1f && b[1] === 0x8b);
    });
  });
}

function openText(path: string, gzip: boolean, onBytes?: (n: number) => void): Readable {
  const file = createReadStream(path);
  if (onBytes) file.on('data', (c) => onBytes(c.length));
  if (!gzip) return file.setEncoding('utf8');
  const gunzip = createGunzip();
  file.on('error', (e) => gunzip.destroy(e));
  return file.pipe(gunzip).setEncoding('utf8');
}

async function readHead(path: string, gzip: boolean): Promise<string> {
  const stream = openText(path, gzip);
  let head = '';
  try {
    for await (const chunk of stream) {
      head += chunk as string;
      if (head.length >= 4096) break;
    }
  } catch {
    // A truncated gzip still shows its first bytes; the import itself reports the truncation.
  }
  stream.destroy();
  return head;
}

function lineOfPosition(text: string, message: string): number | null {
  const m = /position (\d+)/.exec(message);
  if (!m) return null;
  return text.slice(0, Number(m[1])).split('\n').length;
}

export async function importFile(db: Db, path: string, options: ImportOptions = {}): Promise<ImportResult> {
  let totalBytes: number;
  try {
    totalBytes = statSync(path).size;
  } catch {
    throw new ImportError(`${path}: no such file`, null);
  }
  const gzip = await isGzip(path);
  const head = await readHead(path, gzip);
  const detected = detectFormat(head);
  const format = !options.format || options.format === 'auto' ? detected : options.format;
  if (!format) {
    throw new ImportError(`${path}: unrecognised format (expected hf-api JSON, paperboy JSON Lines, arXiv XML, BEIR corpus or a paperboy dump); use --format to say which`, null);
  }
  if (detected && detected !== format && !(format === 'hf-api' && detected === 'paperboy')) {
    throw new ImportError(`${path}: this looks like ${detected}, not ${format}`, null);
  }
  const result: ImportResult = { ...emptyStats(), format, records: 0 };
  const batchSize = options.batchSize ?? 1000;
  let bytesRead = 0;
  const progress = () => options.onProgress?.(bytesRead, totalBytes, result.records);
  let batch: PaperInput[] = [];
  const flush = async () => {
    try {
      await upsertPapers(db, batch, result);
    } catch (e) {
      // The batch rolled back as a whole; what came before it stays.
      throw new ImportError(`${path}: storing records ${result.records + 1}–${result.records + batch.length} failed, nothing of them was kept: ${(e as Error).message}`, result);
    }
    result.records += batch.length;
    batch = [];
    progress();
  };
  const fail = async (where: string, message: string): Promise<never> => {
    await flush();
    throw new ImportError(`${path}: ${where}: ${message}`, result);
  };

  if (format === 'dump') {
    // A whole instance (users, votes, comments, …), not just papers: its own reader, same errors.
    const lines = createInterface({ input: openText(path, gzip, (n) => (bytesRead += n)), crlfDelay: Infinity });
    try {
      await importDumpLines(db, lines, result, progress);
    } catch (e) {
      if (e instanceof RecordError) throw new ImportError(`${path}: ${e.message}`, result);
      throw e;
    }
    return result;
  }

  const documentParser = documentParsers[format];
  const lineParser = lineParsers[format];
  if (!documentParser && !lineParser) throw new ImportError(`${path}: the ${format} format cannot be imported`, null);

  if (documentParser || head.trimStart().startsWith('[')) {
    // One JSON array or XML document: small enough to read whole.
    let text = '';
    try {
      for await (const chunk of openText(path, gzip, (n) => (bytesRead += n))) text += chunk as string;
    } catch {
      await fail(`line ${text.split('\n').length}`, 'the file ends abruptly (truncated gzip)');
    }
    if (documentParser) {
      try {
        batch = documentParser(text);
      } catch (e) {
        await fail('document', (e as Error).message);
      }
      await flush();
      return result;
    }
    let items: unknown;
    try {
      items = JSON.parse(text);
    } catch (e) {
      const line = lineOfPosition(text, (e as Error).message) ?? text.split('\n').length;
      return fail(`line ${line}`, `invalid JSON (${(e as Error).message})`);
    }
    if (!Array.isArray(items)) return fail('line 1', `expected a JSON array of ${format} items`);
    for (const [i, item] of items.entries()) {
      try {
        batch.push(lineParser!(item));
      } catch (e) {
        await fail(`item ${i + 1}`, (e as Error).message);
      }
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    return result;
  }

  const lines = createInterface({ input: openText(path, gzip, (n) => (bytesRead += n)), crlfDelay: Infinity });
  let lineNo = 0;
  try {
    for await (const line of lines) {
      lineNo++;
      if (!line.trim()) continue;
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch (e) {
        await fail(`line ${lineNo}`, `invalid JSON (${(e as Error).message})`);
      }
      try {
        batch.push(lineParser!(record));
      } catch (e) {
        if (!(e instanceof RecordError)) throw e;
        await fail(`line ${lineNo}`, e.message);
      }
      if (batch.length >= batchSize) await flush();
    }
  } catch (e) {
    if (e instanceof ImportError) throw e;
    await fail(`line ${lineNo + 1}`, `the file ends abruptly (${(e as Error).message})`);
  }
  await flush();
  return result;
}
