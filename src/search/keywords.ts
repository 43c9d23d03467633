// This process's in-memory keyword index: built in the background from the database (searches use
// the database's own index until then), and brought up to date from the search_changes feed before
// each search, so any number of processes see what another imported, edited or hid. It ranks the
// free words and prefixes of a query, with the filters (it holds each paper's date, categories,
// code, votes and listing); the database checks what needs word positions (phrases, author names,
// multi-word exclusions).
import type { Db } from '../db/driver.ts';
import { phraseMatches, type Scored, type SearchFilters } from '../db/search.ts';
import { searchChangePosition, searchChangesSince, searchTexts, type PaperSearchText } from '../db/search-changes.ts';
import type { Logger } from '../log.ts';
import { buildOnWorker, indexFromParts, KeywordIndexBuilder, type IndexParts } from './keyword-build.ts';
import { fieldIndex, type KeywordIndex } from './keyword-index.ts';
import type { Bm25f, Unit } from './keyword-scoring.ts';
import type { ParsedQuery } from './query.ts';
import { stem } from './text.ts';
import { topRows } from './vector-index.ts';

const PAGE = 1000;
/** Longest stretch the build runs before letting requests through. */
const SLICE_MS = 10;
/** Rebuild once papers changed since the build reach this share of it (the overlay ranks slower and takes more memory). */
const REBUILD_SHARE = 0.25;
const REBUILD_MIN = 2000;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export class KeywordSearch {
  private index: KeywordIndex | null = null;
  private seq = 0;
  /** A finished build waiting to be caught up with the feed and swapped in by the next refresh. */
  private built: { index: KeywordIndex; seq: number } | null = null;
  private building: Promise<void> | null = null;
  private refreshing: Promise<KeywordIndex | null> | null = null;
  private signal = { stopped: false };

  constructor(private db: Db) {}

  /** Builds the index unless it is built or being built; resolves once a build is ready to serve. */
  start(log?: Logger): Promise<void> {
    this.signal.stopped = false;
    this.log = log ?? this.log;
    if (this.index || this.built) return Promise.resolve();
    return (this.building ??= this.build());
  }
  private log?: Logger;

  /** Resolves when no build is running (tests, and callers that want the rebuilt index). */
  async settled(): Promise<void> {
    while (this.building) await this.building;
  }

  /** True while the first build runs: searches fall back to the database's index meanwhile. */
  get warming(): boolean {
    return this.building !== null && !this.index && !this.built;
  }

  /** Stops a build in progress (at shutdown); searches keep using what is built. */
  stop(): void {
    this.signal.stopped = true;
  }

  /** The index with every change so far applied; null while there is none yet. */
  async current(): Promise<KeywordIndex | null> {
    if (!this.index && !this.built) return null;
    this.refreshing ??= this.refresh().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async build(): Promise<void> {
    const log = this.log;
    const started = performance.now();
    const rss = process.memoryUsage().rss;
    try {
      const seq = await searchChangePosition(this.db);
      let after = '';
      let done = false;
      const next = async () => {
        if (done) return null;
        const page = await searchTexts(this.db, after, PAGE);
        if (page.length) after = page.at(-1)!.paperId;
        done = page.length < PAGE;
        return page.length ? page : null;
      };
      let parts: IndexParts | null;
      try {
        parts = await buildOnWorker(next, this.signal);
      } catch (err) {
        if (after) throw err;
        log?.warn({ err }, 'no worker thread for the keyword index: building it between requests');
        parts = await this.buildHere(next);
      }
      if (!parts) return;
      this.built = { index: indexFromParts(parts), seq };
      log?.info({ papers: parts.ids.length, ms: Math.round(performance.now() - started), rssMiB: Math.round((process.memoryUsage().rss - rss) / 2 ** 20) }, 'keyword index built');
    } catch (err) {
      // The database's index keeps answering; the next start tries again.
      log?.error({ err }, 'could not build the keyword index');
    } finally {
      this.building = null;
    }
  }

  /** The build on this thread, in slices of a few milliseconds so requests are answered meanwhile. */
  private async buildHere(next: () => Promise<PaperSearchText[] | null>): Promise<IndexParts | null> {
    const builder = new KeywordIndexBuilder();
    let slice = performance.now();
    for (let page = await next(); page; page = await next()) {
      for (const t of page) {
        builder.add(t.paperId, t);
        if (performance.now() - slice > SLICE_MS) {
          await pause();
          if (this.signal.stopped) return null;
          slice = performance.now();
        }
      }
    }
    return builder.finish(pause);
  }

  private async refresh(): Promise<KeywordIndex | null> {
    if (this.built) {
      // Swapped in here, where no other refresh runs, so the feed position always belongs to the index.
      const { index, seq } = this.built;
      this.built = null;
      this.index = index;
      this.seq = seq;
    }
    const index = this.index!;
    for (;;) {
      const changes = await searchChangesSince(this.db, this.seq, PAGE);
      for (const c of changes) index.put(c.paperId, c.text);
      if (changes.length) this.seq = changes.at(-1)!.seq;
      if (changes.length < PAGE) break;
    }
    const { dead, added, built } = index.staleness;
    // Rebuilt from the database in the background; this one (and the feed) serves until then.
    if (!this.building && !this.signal.stopped && dead + added > Math.max(REBUILD_MIN, built * REBUILD_SHARE)) this.building = this.build();
    return index;
  }

  /**
   * The best `limit` visible papers for a query's keywords, filtered, without `exclude`; null while
   * the index is not built (the caller asks the database instead).
   */
  async search(q: ParsedQuery, filters: SearchFilters, p: Bm25f, limit: number, exclude: ReadonlySet<string> = new Set()): Promise<Scored[] | null> {
    const index = await this.current();
    return index && this.rank(index, q, filters, p, limit, exclude);
  }

  /** The same on an index already brought up to date (one look at the change feed per search). */
  async rank(index: KeywordIndex, q: ParsedQuery, filters: SearchFilters, p: Bm25f, limit: number, exclude: ReadonlySet<string> = new Set()): Promise<Scored[]> {
    const { units, needsDb } = unitsOf(q, index);
    const [allowed, banned] = await Promise.all([
      needsDb.required.phrases.length || needsDb.required.authors.length ? phraseMatches(this.db, needsDb.required, 'all') : null,
      needsDb.excluded.length ? phraseMatches(this.db, { phrases: needsDb.excluded }, 'any') : null,
    ]);
    const m = index.match(units, p);
    // Papers that fail a check score -Infinity in a copy of the scores; most searches have none.
    const slots = (ids: Iterable<string> | null) => (ids ? new Set(Array.from(ids, (id) => index.slotOf(id)).filter((s) => s !== undefined)) : null);
    const [only, not, skip] = [slots(allowed), slots(banned), slots(exclude.size ? exclude : null)];
    const passes = Object.keys(filters).length ? index.matcher(filters) : null;
    let scores = m.scores;
    if (only || not || passes) {
      scores = m.scores.slice();
      for (let i = 0; i < m.slots.length; i++) {
        const s = m.slots[i]!;
        if ((only && !only.has(s)) || not?.has(s) || (passes && !passes(s))) scores[i] = -Infinity;
      }
    }
    const out: Scored[] = [];
    for (const i of topRows(scores, limit + (skip?.size ?? 0))) {
      if (scores[i] === -Infinity || skip?.has(m.slots[i]!)) continue;
      out.push({ paperId: index.paperId(m.slots[i]!), score: scores[i]! });
      if (out.length === limit) break;
    }
    return out;
  }

  /** Which of these papers are visible and pass the filters, by an index already brought up to date. */
  passing(index: KeywordIndex, paperIds: readonly string[], filters: SearchFilters): Set<string> {
    const passes = index.matcher(filters);
    return new Set(paperIds.filter((id) => {
      const s = index.slotOf(id);
      return s !== undefined && passes(s);
    }));
  }
}

/** A word, or a word written with hyphens or apostrophes, as the parts the index counts. */
const parts = (words: string[]) => words.flatMap((w) => w.split(/[-']/)).filter(Boolean);

/**
 * The index's units for a query: free words and prefixes ranked (a result has one at least);
 * phrase and author words scored and required; one-word exclusions excluded. Sequences of several
 * words are required or excluded in the database, which knows word positions.
 */
function unitsOf(q: ParsedQuery, index: KeywordIndex) {
  const units: Unit[] = [];
  const needsDb = { required: { phrases: [] as string[][], authors: [] as string[][] }, excluded: [] as string[][] };
  for (const w of q.terms) units.push({ terms: index.termsOf(w), need: 'any' });
  for (const pre of q.prefixes) units.push({ terms: index.termsStartingWith(stem(pre)), need: 'any' });
  for (const phrase of q.phrases) {
    const ws = parts(phrase);
    for (const w of ws) units.push({ terms: index.termsOf(w), need: 'all' });
    if (ws.length > 1) needsDb.required.phrases.push(phrase);
  }
  for (const name of q.authors) {
    const ws = parts(name);
    for (const w of ws) units.push({ terms: index.termsOf(w), field: fieldIndex('authors'), need: 'all' });
    if (ws.length > 1) needsDb.required.authors.push(name);
  }
  for (const e of q.excluded) {
    const ws = parts(e);
    if (ws.length > 1) needsDb.excluded.push(e);
    else if (ws.length === 1) units.push({ terms: index.termsOf(ws[0]!), need: 'none' });
  }
  return { units, needsDb };
}

const searches = new WeakMap<Db, KeywordSearch>();

/** This process's keyword index for a database handle. */
export function memoryKeywords(db: Db): KeywordSearch {
  let k = searches.get(db);
  if (!k) searches.set(db, (k = new KeywordSearch(db)));
  return k;
}
