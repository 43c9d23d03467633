// The in-memory keyword index: every visible paper's term counts per field (title, authors,
// abstract) in one compact posting list per term, plus a small overlay for papers added or changed
// since it was built, ranked by BM25 over weighted fields term at a time into a dense accumulator.
import type { SearchFilters } from '../db/search.ts';
import type { FactTable } from './keyword-facts.ts';
import { Extra, Scratch } from './keyword-scratch.ts';
import { bm25Idf, textHash, type Bm25f, type IndexedPaper, type Matches, type Unit } from './keyword-scoring.ts';
import { DocTokens, FIELDS, Vocabulary } from './keyword-terms.ts';

/** The built part: postings of each term in slot order, FIELDS.length counts per posting. */
export interface Postings {
  start: Int32Array;
  docs: Int32Array;
  counts: Uint8Array;
}

const NF = FIELDS.length;

export class KeywordIndex {
  private ids: string[];
  private slots = new Map<string, number>();
  private lengths: Uint16Array;
  private alive: Uint8Array;
  private live = 0;
  private dead = 0;
  private readonly built: number;
  private sums = new Float64Array(NF);
  /** Postings of papers added since the build, per term, in slot order. */
  private extra = new Map<number, Extra>();
  private tokens = new DocTokens();
  private scratch = new Scratch(0);

  constructor(readonly vocab: Vocabulary, private base: Postings, ids: string[], lengths: Uint16Array, private facts: FactTable, private hashes: Int32Array) {
    this.ids = ids;
    this.built = ids.length;
    this.lengths = lengths;
    this.alive = new Uint8Array(Math.max(ids.length, 16)).fill(1, 0, ids.length);
    ids.forEach((id, slot) => this.slots.set(id, slot));
    this.live = ids.length;
    for (let d = 0; d < ids.length; d++) for (let f = 0; f < NF; f++) this.sums[f]! += lengths[d * NF + f]!;
  }

  /** Papers in the index (visible ones). */
  get size(): number {
    return this.live;
  }

  /** Slots no longer current (changed, hidden or deleted papers) and papers added since the build. */
  get staleness(): { dead: number; added: number; built: number } {
    return { dead: this.dead, added: this.ids.length - this.built, built: this.built };
  }

  /** Moves whenever a paper's words enter or leave the index (added, changed, hidden, deleted); facts alone do not move it. */
  get textVersion(): number {
    return this.version;
  }

  has(paperId: string): boolean {
    return this.slots.has(paperId);
  }

  /** The slot of a visible paper. */
  slotOf(paperId: string): number | undefined {
    return this.slots.get(paperId);
  }

  paperId(slot: number): string {
    return this.ids[slot]!;
  }

  /** A test of index slots against search filters. */
  matcher(filters: SearchFilters): (slot: number) => boolean {
    return this.facts.matcher(filters);
  }

  /** Replaces a paper's entry with this text and facts, or removes it (null: hidden or deleted). */
  put(paperId: string, text: IndexedPaper | null): void {
    const old = this.slots.get(paperId);
    const hash = text ? textHash(text) : 0;
    if (old !== undefined && text && this.hashes[old] === hash) {
      // Only facts changed (votes, a daily listing): the words stay where they are.
      this.facts.set(old, text.facts);
      return;
    }
    this.version++;
    if (old !== undefined) {
      this.alive[old] = 0;
      this.live--;
      this.dead++;
      for (let f = 0; f < NF; f++) this.sums[f]! -= this.lengths[old * NF + f]!;
      this.slots.delete(paperId);
    }
    if (!text) return;
    const slot = this.ids.length;
    this.grow(slot + 1);
    this.ids.push(paperId);
    this.slots.set(paperId, slot);
    this.alive[slot] = 1;
    this.live++;
    this.facts.set(slot, text.facts);
    this.hashes[slot] = hash;
    const t = this.tokens.read(text, this.vocab);
    for (let f = 0; f < NF; f++) ((this.lengths[slot * NF + f] = t.lengths[f]!), (this.sums[f]! += t.lengths[f]!));
    t.terms.forEach((term, i) => {
      let list = this.extra.get(term);
      if (!list) this.extra.set(term, (list = new Extra()));
      list.push(slot, t.counts, i * NF);
    });
  }

  private grow(n: number): void {
    if (n <= this.alive.length) return;
    const cap = Math.max(n, Math.ceil(this.alive.length * 1.5));
    const alive = new Uint8Array(cap);
    alive.set(this.alive);
    this.alive = alive;
    const lengths = new Uint16Array(cap * NF);
    lengths.set(this.lengths);
    this.lengths = lengths;
    const hashes = new Int32Array(cap);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  /** The term id of a word (its stem), as a list: empty when no paper has it. */
  termsOf(word: string): number[] {
    const id = this.vocab.find(word);
    return id === undefined ? [] : [id];
  }

  /** Every stem starting with a prefix (FTS5 matches prefixes against stems too). */
  termsStartingWith(prefix: string): number[] {
    const out: number[] = [];
    // The vocabulary is small next to the postings: a scan costs a few milliseconds at most.
    this.vocab.stems.forEach((s, id) => s.startsWith(prefix) && out.push(id));
    return out;
  }

  /** How many visible papers contain a term. */
  docFrequency(term: number): number {
    const extra = this.extra.get(term);
    let n = 0;
    if (extra) for (let i = 0; i < extra.size; i++) n += this.alive[extra.docs[i]!]!;
    const { start, docs } = this.base;
    if (term + 1 >= start.length) return n;
    if (!this.dead) return n + start[term + 1]! - start[term]!;
    for (let i = start[term]!, end = start[term + 1]!; i < end; i++) n += this.alive[docs[i]!]!;
    return n;
  }

  /** Every matching paper with its BM25F score. */
  match(units: Unit[], p: Bm25f): Matches {
    const s = (this.scratch = this.scratch.fit(this.ids.length));
    const query = s.next();
    const nAll = units.filter((u) => u.need === 'all').length;
    const anyNeeded = units.some((u) => u.need === 'any');
    const norm = this.norms(p.b);
    const [w0, w1, w2] = FIELDS.map((f) => p.fields[f]) as [number, number, number];
    const { acc, stamp, all, any, touched } = s;
    let n = 0;
    const k1 = p.k1;
    const banned = new Set<number>();
    for (const u of units) {
      if (u.need === 'none') {
        for (const t of u.terms) this.forPostings(t, (d) => banned.add(d));
        continue;
      }
      const isAll = u.need === 'all' ? 1 : 0;
      // One word in any field: straight through its postings. A prefix (several terms) or a field
      // restriction: sum the counts per paper first, then score each paper once.
      const direct = u.terms.length === 1 && u.field === undefined;
      const papers = direct ? null : this.gather(u, s);
      const df = direct ? this.docFrequency(u.terms[0]!) : papers!.length;
      if (!df) {
        if (isAll) return { slots: new Int32Array(0), scores: new Float32Array(0) };
        continue;
      }
      const idf = bm25Idf(this.live, df) ** p.idfPower * (k1 + 1);
      const score = (d: number, x: number) => {
        const v = (idf * x) / (k1 + x);
        if (stamp[d] !== query) {
          stamp[d] = query;
          acc[d] = v;
          all[d] = isAll;
          any[d] = 1 - isAll;
          touched[n++] = d;
        } else {
          acc[d]! += v;
          if (isAll) all[d]!++;
          else any[d] = 1;
        }
      };
      if (papers) {
        const tf = s.tf;
        for (const d of papers) score(d, (w0 * tf[d * NF]! + w1 * tf[d * NF + 1]! + w2 * tf[d * NF + 2]!) * norm[d]!);
        continue;
      }
      const term = u.terms[0]!;
      const { start, docs, counts } = this.base;
      const alive = this.alive;
      if (term + 1 < start.length) {
        for (let i = start[term]!, end = start[term + 1]!; i < end; i++) {
          const d = docs[i]!;
          if (!alive[d]) continue;
          const j = i * NF;
          score(d, (w0 * counts[j]! + w1 * counts[j + 1]! + w2 * counts[j + 2]!) * norm[d]!);
        }
      }
      const extra = this.extra.get(term);
      if (extra) {
        for (let i = 0; i < extra.size; i++) {
          const d = extra.docs[i]!;
          if (!alive[d]) continue;
          const j = i * NF;
          score(d, (w0 * extra.counts[j]! + w1 * extra.counts[j + 1]! + w2 * extra.counts[j + 2]!) * norm[d]!);
        }
      }
    }
    const slots = new Int32Array(n);
    const scores = new Float32Array(n);
    let m = 0;
    for (let i = 0; i < n; i++) {
      const d = touched[i]!;
      if (all[d] !== nAll || (anyNeeded && !any[d]) || banned.has(d)) continue;
      slots[m] = d;
      scores[m++] = acc[d]!;
    }
    return { slots: slots.subarray(0, m), scores: scores.subarray(0, m) };
  }

  /** The papers with any of a unit's terms (in its field, if it has one), their counts summed into s.tf. */
  private gather(u: Unit, s: Scratch): number[] {
    const papers: number[] = [];
    const unit = s.next();
    const tf = s.tf;
    for (const t of u.terms) {
      this.forPostings(t, (d, counts, at) => {
        if (u.field !== undefined && counts[at + u.field] === 0) return;
        if (s.unit[d] !== unit) {
          s.unit[d] = unit;
          papers.push(d);
          for (let f = 0; f < NF; f++) tf[d * NF + f] = 0;
        }
        for (let f = 0; f < NF; f++) if (u.field === undefined || u.field === f) tf[d * NF + f]! += counts[at + f]!;
      });
    }
    return papers;
  }

  /** Each paper's length normalisation, 1 / (1 − b + b · length / average length), for one b (cached). */
  private norms(b: number): Float32Array {
    if (this.normCache?.b === b && this.normCache.version === this.version) return this.normCache.norm;
    const n = this.ids.length;
    const norm = new Float32Array(Math.max(n, 1));
    const avg = (this.sums[0]! + this.sums[1]! + this.sums[2]!) / Math.max(this.live, 1) || 1;
    for (let d = 0; d < n; d++) norm[d] = 1 / (1 - b + (b * (this.lengths[d * NF]! + this.lengths[d * NF + 1]! + this.lengths[d * NF + 2]!)) / avg);
    this.normCache = { b, version: this.version, norm };
    return norm;
  }
  private normCache: { b: number; version: number; norm: Float32Array } | null = null;
  private version = 0;

  /** Calls fn for each visible paper with the term: its slot, and where its counts start in `counts`. */
  private forPostings(term: number, fn: (slot: number, counts: ArrayLike<number>, at: number) => void): void {
    const { start, docs, counts } = this.base;
    const alive = this.alive;
    if (term + 1 < start.length) {
      for (let i = start[term]!, end = start[term + 1]!; i < end; i++) {
        const d = docs[i]!;
        if (alive[d]) fn(d, counts, i * NF);
      }
    }
    const extra = this.extra.get(term);
    if (extra) for (let i = 0; i < extra.size; i++) if (alive[extra.docs[i]!]) fn(extra.docs[i]!, extra.counts, i * NF);
  }
}


export const fieldIndex = (name: (typeof FIELDS)[number]) => FIELDS.indexOf(name);
