// What the in-memory keyword index counts: each paper's title, authors and abstract cut into the
// same words and Porter stems as queries are (text.ts), hyphenated words into their parts, and the
// stems numbered in a vocabulary shared by every paper.
import { stem, words } from './text.ts';

/** The fields a paper is indexed by, in storage order. */
export const FIELDS = ['title', 'authors', 'abstract'] as const;
export type Field = (typeof FIELDS)[number];

export interface SearchText {
  title: string;
  /** Author names joined by "; ". */
  authors: string;
  abstract: string;
}

export interface VocabularyParts {
  stems: string[];
  pool: Uint8Array;
  poolSize: number;
  entries: Int32Array;
  count: number;
  table: Int32Array;
}

/** Something that counts a paper's terms, field by field. */
export interface TermSink {
  count(term: number, field: number): void;
}

const ASCII = /^[\x00-\x7f]*$/;
const encoder = new TextEncoder();
// Byte classes of ASCII: 1 letter, 2 digit, 0 anything else.
const CLASS = new Uint8Array(256);
for (let c = 0; c < 128; c++) CLASS[c] = /[a-zA-Z]/.test(String.fromCharCode(c)) ? 1 : /[0-9]/.test(String.fromCharCode(c)) ? 2 : 0;
const lower = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

/**
 * The stems seen so far, numbered in order of first sight, and the words already stemmed. Reading
 * the archive means looking up some twenty million words, so plain-ASCII text (most of arXiv) is
 * scanned as bytes into an open-addressing table without making a string per word; it cuts exactly
 * where `words` does (LaTeX commands dropped, letters and digits kept, lower-cased) and splits
 * hyphenated words into their parts. Other text goes through `words` itself.
 */
export class Vocabulary {
  readonly ids = new Map<string, number>();
  readonly stems: string[] = [];
  private buf = new Uint8Array(1 << 16);
  /** Each known word's bytes (lower case) in `pool`; per entry: offset, length, term id. */
  private pool = new Uint8Array(1 << 20);
  private poolSize = 0;
  private entries = new Int32Array(3 << 16);
  private count = 0;
  /** Open addressing: per slot, the hash and entry + 1 (0: empty). */
  private table = new Int32Array(2 << 17);

  get size(): number {
    return this.stems.length;
  }

  /** Everything it holds, as arrays another thread can take over. */
  export(): VocabularyParts {
    return { stems: this.stems, pool: this.pool, poolSize: this.poolSize, entries: this.entries, count: this.count, table: this.table };
  }

  static from(p: VocabularyParts): Vocabulary {
    const v = new Vocabulary();
    Object.assign(v, { pool: p.pool, poolSize: p.poolSize, entries: p.entries, count: p.count, table: p.table });
    p.stems.forEach((s, id) => (v.stems.push(s), v.ids.set(s, id)));
    return v;
  }

  /** The id of a word's stem, or undefined when no paper has it. */
  find(word: string): number | undefined {
    return this.ids.get(stem(word));
  }

  /** Counts every word part of a text into the sink under `field`; returns how many there were. */
  read(text: string, field: number, sink: TermSink): number {
    let n = 0;
    if (!ASCII.test(text)) {
      for (const w of words(text)) for (const part of w.split(/[-']/)) if (part) (sink.count(this.add(part), field), n++);
      return n;
    }
    if (text.length > this.buf.length) this.buf = new Uint8Array(text.length * 2);
    const b = this.buf;
    const len = encoder.encodeInto(text, b).written!;
    for (let i = 0; i < len; ) {
      const c = b[i]!;
      if (c === 92 && i + 1 < len && CLASS[b[i + 1]!] === 1) {
        for (i++; i < len && CLASS[b[i]!] === 1; ) i++;
        continue;
      }
      if (!CLASS[c]) {
        i++;
        continue;
      }
      const from = i;
      let h = 0x811c9dc5 | 0;
      for (; i < len && CLASS[b[i]!]; i++) h = Math.imul(h ^ lower(b[i]!), 16777619);
      sink.count(this.lookup(b, from, i, h), field);
      n++;
    }
    return n;
  }

  /** The id of a lower-case word's stem, numbering it when new. */
  add(word: string): number {
    const bytes = encoder.encode(word);
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ lower(bytes[i]!), 16777619);
    return this.lookup(bytes, 0, bytes.length, h);
  }

  private lookup(b: Uint8Array, from: number, to: number, h: number): number {
    const table = this.table;
    const mask = (table.length >> 1) - 1;
    const len = to - from;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = table[slot * 2 + 1]! - 1;
      if (e < 0) return this.insert(slot, b, from, to, h);
      if (table[slot * 2] !== h || this.entries[e * 3 + 1] !== len) continue;
      const at = this.entries[e * 3]!;
      let j = 0;
      while (j < len && this.pool[at + j] === lower(b[from + j]!)) j++;
      if (j === len) return this.entries[e * 3 + 2]!;
    }
  }

  private insert(slot: number, b: Uint8Array, from: number, to: number, h: number): number {
    const len = to - from;
    if (this.poolSize + len > this.pool.length) this.pool = grow(this.pool, this.poolSize + len);
    for (let j = 0; j < len; j++) this.pool[this.poolSize + j] = lower(b[from + j]!);
    const word = Buffer.from(this.pool.buffer, this.pool.byteOffset + this.poolSize, len).toString('utf8');
    const s = stem(word);
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.stems.length;
      this.ids.set(s, id);
      this.stems.push(s);
    }
    const e = this.count++;
    if (e * 3 + 3 > this.entries.length) this.entries = grow(this.entries, e * 3 + 3);
    this.entries.set([this.poolSize, len, id], e * 3);
    this.poolSize += len;
    this.table[slot * 2] = h;
    this.table[slot * 2 + 1] = e + 1;
    if (this.count * 4 > this.table.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    const mask = (this.table.length >> 1) - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (!old[s + 1]) continue;
      let slot = old[s]! & mask;
      while (this.table[slot * 2 + 1]) slot = (slot + 1) & mask;
      this.table[slot * 2] = old[s]!;
      this.table[slot * 2 + 1] = old[s + 1]!;
    }
  }
}

function grow<T extends Uint8Array | Int32Array>(a: T, need: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/**
 * One paper's postings: each distinct term once with its count in every field, and each field's
 * length in words. The scratch arrays are reused from paper to paper.
 */
export class DocTokens implements TermSink {
  terms: number[] = [];
  /** Counts, FIELDS.length per term, capped at 255. */
  counts: number[] = [];
  lengths = [0, 0, 0];
  private slot = new Int32Array(1024);
  private stamp = new Int32Array(1024);
  private serial = 0;

  read(text: SearchText, vocab: Vocabulary): this {
    this.terms.length = 0;
    this.counts.length = 0;
    this.serial++;
    for (let f = 0; f < FIELDS.length; f++) this.lengths[f] = Math.min(vocab.read(text[FIELDS[f]!], f, this), 65_535);
    return this;
  }

  count(term: number, field: number): void {
    if (term >= this.slot.length) {
      const size = Math.max(term + 1, this.slot.length * 2);
      const slot = new Int32Array(size), stamp = new Int32Array(size);
      slot.set(this.slot), stamp.set(this.stamp);
      this.slot = slot, this.stamp = stamp;
    }
    let i: number;
    if (this.stamp[term] !== this.serial) {
      this.stamp[term] = this.serial;
      i = this.slot[term] = this.terms.length;
      this.terms.push(term);
      this.counts.push(0, 0, 0);
    } else i = this.slot[term]!;
    const c = i * 3 + field;
    if (this.counts[c]! < 255) this.counts[c]!++;
  }
}
