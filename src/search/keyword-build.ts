// Building the in-memory keyword index from every visible paper: postings are appended paper by
// paper, then sorted by term into one array (a counting sort). It runs on a worker thread fed a
// page of papers at a time, so the web thread only reads the pages; where no worker can start, it
// runs here in short slices between requests.
import { Worker } from 'node:worker_threads';
import { FactTable, type FactParts } from './keyword-facts.ts';
import { KeywordIndex, type Postings } from './keyword-index.ts';
import { textHash, type IndexedPaper } from './keyword-scoring.ts';
import { DocTokens, FIELDS, Vocabulary, type VocabularyParts } from './keyword-terms.ts';

const NF = FIELDS.length;

function grown<T extends Int32Array | Uint8Array | Uint16Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}

/** Postings are kept in fixed-size blocks while reading, so growing never copies the ones already read. */
const BLOCK = 1 << 20;

export class KeywordIndexBuilder {
  private vocab = new Vocabulary();
  private tokens = new DocTokens();
  private ids: string[] = [];
  private lengths = new Uint16Array(1024 * NF);
  /** Each posting's term and counts, in paper order, BLOCK postings a block; where each paper's postings end. */
  private termBlocks: Int32Array[] = [];
  private countBlocks: Uint8Array[] = [];
  private ends = new Int32Array(1024);
  private postings = 0;
  private facts = new FactTable();
  private hashes = new Int32Array(1024);

  get papers(): number {
    return this.ids.length;
  }

  add(paperId: string, paper: IndexedPaper): void {
    const t = this.tokens.read(paper, this.vocab);
    const doc = this.ids.length;
    this.ids.push(paperId);
    this.facts.set(doc, paper.facts);
    this.hashes = grown(this.hashes, doc + 1);
    this.hashes[doc] = textHash(paper);
    this.lengths = grown(this.lengths, (doc + 1) * NF);
    for (let f = 0; f < NF; f++) this.lengths[doc * NF + f] = t.lengths[f]!;
    for (let i = 0; i < t.terms.length; i++) {
      const p = this.postings++;
      const at = p & (BLOCK - 1);
      if (!at) (this.termBlocks.push(new Int32Array(BLOCK)), this.countBlocks.push(new Uint8Array(BLOCK * NF)));
      this.termBlocks[p >> 20]![at] = t.terms[i]!;
      const counts = this.countBlocks[p >> 20]!;
      for (let f = 0; f < NF; f++) counts[at * NF + f] = t.counts[i * NF + f]!;
    }
    this.ends = grown(this.ends, doc + 1);
    this.ends[doc] = this.postings;
  }

  /** What the index is made of; `pause` is awaited every few thousand papers of the final sort. */
  async finish(pause: () => Promise<void>): Promise<IndexParts> {
    const terms = this.vocab.size;
    const start = new Int32Array(terms + 1);
    for (const block of this.termBlocks) {
      for (let i = 0; i < block.length; i++) start[block[i]! + 1]!++;
      await pause();
    }
    // The last block's unused tail counted as term 0.
    start[1]! -= this.termBlocks.length * BLOCK - this.postings;
    for (let t = 0; t < terms; t++) start[t + 1]! += start[t]!;
    const next = start.slice(0, terms);
    const docs = new Int32Array(this.postings);
    const counts = new Uint8Array(this.postings * NF);
    for (let d = 0, p = 0; d < this.ids.length; d++) {
      for (const end = this.ends[d]!; p < end; p++) {
        const block = p >> 20, i = p & (BLOCK - 1);
        const at = next[this.termBlocks[block]![i]!]!++;
        docs[at] = d;
        const from = this.countBlocks[block]!;
        for (let f = 0; f < NF; f++) counts[at * NF + f] = from[i * NF + f]!;
      }
      if (d % 4096 === 4095) await pause();
    }
    this.termBlocks = [];
    this.countBlocks = [];
    const n = this.ids.length;
    return { vocab: this.vocab.export(), postings: { start, docs, counts }, ids: this.ids, lengths: this.lengths.slice(0, n * NF), facts: this.facts.parts, hashes: this.hashes.slice(0, n) };
  }
}

export interface IndexParts {
  vocab: VocabularyParts;
  postings: Postings;
  ids: string[];
  lengths: Uint16Array;
  facts: FactParts;
  hashes: Int32Array;
}

export function indexFromParts(p: IndexParts): KeywordIndex {
  return new KeywordIndex(Vocabulary.from(p.vocab), p.postings, p.ids, p.lengths, new FactTable(p.facts), p.hashes);
}

/** The arrays of the parts, handed over to the receiving thread instead of copied. */
export function transferList(p: IndexParts): ArrayBuffer[] {
  const arrays = [p.vocab.pool, p.vocab.entries, p.vocab.table, p.postings.start, p.postings.docs, p.postings.counts, p.lengths, p.facts.day, p.facts.upvotes, p.facts.flags, p.hashes];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

type Page = (IndexedPaper & { paperId: string })[];

type Reply = { done?: number; parts?: IndexParts };

/**
 * Builds on a worker thread from the pages `next` reads (null when done), one page in the worker
 * while the next is read. Rejects when the worker cannot start or fails; null when stopped.
 */
export async function buildOnWorker(next: () => Promise<Page | null>, signal: { stopped: boolean }): Promise<IndexParts | null> {
  const worker = new Worker(new URL('./keyword-worker.mjs', import.meta.url));
  const waiting: ((r: Reply) => void)[] = [];
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the keyword index worker stopped (exit code ${code})`)));
  });
  failed.catch(() => {});
  worker.on('message', (r: Reply) => waiting.shift()?.(r));
  const send = (message: unknown): Promise<Reply> => {
    const reply = new Promise<Reply>((resolve) => waiting.push(resolve));
    worker.postMessage(message);
    return Promise.race([reply, failed]);
  };
  try {
    let acked: Promise<Reply> | null = null;
    for (let page = await next(); page; page = await next()) {
      if (signal.stopped) return null;
      await acked;
      acked = send({ page });
    }
    await acked;
    if (signal.stopped) return null;
    return (await send({ finish: true })).parts ?? null;
  } finally {
    await worker.terminate();
  }
}
