// The search engine every caller uses (pages, API, CLI, feeds, the evaluation runner): keyword
// ranking (BM25 over weighted fields in this process's keyword index, the database's until it is built)
// fused with the semantic model's cosine similarity, filters and sorts.
import type { Db } from '../db/driver.ts';
import { indexedPapers, keywordFrequencies, keywordSearch, orderPapers, passingFilters, type FieldWeights, type Scored, type SearchFilters } from '../db/search.ts';
import { onPapersChanged } from '../domain/papers.ts';
import { embedPapers } from './maintenance.ts';
import type { KeywordIndex } from './keyword-index.ts';
import { memoryKeywords, type KeywordSearch } from './keywords.ts';
import { paperRefHits } from './paper-ref.ts';
import { hasKeywords, parseQuery, type ParsedQuery } from './query.ts';
import { SemanticIndex, type Semantic } from './semantic.ts';
import { indexState, SimilarMemo } from './similar.ts';
import { stem, words } from './text.ts';

export type SearchSort = 'relevance' | 'newest' | 'upvotes';

export interface SearchOptions {
  filters?: SearchFilters;
  sort?: SearchSort;
  limit?: number;
  offset?: number;
}

export interface Hit {
  paperId: string;
  score: number;
  /** The keyword score relative to the best keyword match (0–1), 0 when not a keyword match. */
  keyword: number;
  /** Cosine similarity under the semantic model, null without one. */
  semantic: number | null;
}

export interface SearchResult {
  query: ParsedQuery;
  hits: Hit[];
  /** Whether more results exist past offset + limit. */
  more: boolean;
}

/** Measured settings (bench/search-scifact.ts and bench/search-arxiv.ts, train and dev queries only). */
export interface Tuning {
  fields: FieldWeights;
  /** BM25 of the in-memory keyword index: term saturation, and length normalisation (by the whole paper, as FTS5). */
  k1: number;
  b: number;
  /** IDF to this power in the in-memory index (keyword-scoring.ts); the database's index knows only 1. */
  idfPower: number;
  /** Where keywords are ranked: this process's index once built (the database's until then), or always the database. */
  keywords: 'memory' | 'database';
  /** Weight of the cosine next to the best-normalised keyword score. */
  semanticWeight: number;
  keywordDepth: number;
  semanticDepth: number;
  /** For newest / most upvoted: how close to the best fused score a result must be to be listed. */
  sortedFloor: number;
  /** Papers found by meaning alone need this cosine, and this share of the best one. */
  semanticFloor: number;
  semanticRelativeFloor: number;
  /**
   * Only while a server's in-memory index is being built, on the database's (the in-memory one ranks
   * every word in a few ms, and each word helps: pruning cost 0.01–0.03 MRR@10 on arXiv dev queries):
   * free words in more than this share of papers are left out, and at most maxTerms are kept (rarest first).
   */
  maxDocShare: number;
  maxTerms: number;
  /** Below this many papers every query word is kept: ranking is fast there and each word helps a little. */
  pruneAbove: number;
}

export const TUNING: Tuning = {
  fields: { title: 2, authors: 1, abstract: 1 },
  k1: 1.2,
  b: 0.75,
  // Against plain IDF, on the 131 arXiv dev queries: short 1.02 → 1.12× plain BM25, long 1.06 → 1.08×;
  // SciFact train 0.7098 → 0.7015. Searches in other words than a paper's are what users make here.
  idfPower: 0.6,
  keywords: 'memory',
  semanticWeight: 0.7,
  keywordDepth: 300,
  semanticDepth: 300,
  sortedFloor: 0.45,
  semanticFloor: 0.15,
  semanticRelativeFloor: 0.5,
  maxDocShare: 0.2,
  maxTerms: 64,
  pruneAbove: 20_000,
};

export class SearchEngine {
  readonly semantic: SemanticIndex;
  readonly keywords: KeywordSearch;

  /** `semanticOnly` ranks by the model alone (for evaluation). */
  constructor(private db: Db, readonly tuning: Tuning = TUNING, semantic?: SemanticIndex, private semanticOnly = false, keywords?: KeywordSearch) {
    this.semantic = semantic ?? new SemanticIndex(db);
    this.keywords = keywords ?? memoryKeywords(db);
  }

  /** Waits until searches rank as they will from now on: the keyword index built (evaluation, benchmarks). */
  async ready(): Promise<void> {
    if (this.tuning.keywords === 'memory') await this.keywords.start();
  }

  /** Ranked papers for a query; `limit` 20 and relevance order unless told otherwise. */
  async search(text: string, o: SearchOptions = {}): Promise<SearchResult> {
    const query = parseQuery(text);
    const limit = o.limit ?? 20;
    const offset = o.offset ?? 0;
    // An arXiv id or a link to a paper asks for that paper (paper-ref.ts).
    const named = await paperRefHits(this.db, text, o.filters ?? {});
    if (named) return { query, hits: named.slice(offset, offset + limit), more: false };
    const depth = Math.max(offset + limit + 1, this.tuning.keywordDepth);
    const fused = await this.rank(query, o.filters ?? {}, depth, new Set(), await this.semantic.current());
    let ranked = fused;
    if (o.sort && o.sort !== 'relevance' && fused.length) {
      const floor = fused[0]!.score * this.tuning.sortedFloor;
      const kept = fused.filter((h) => h.score >= floor);
      const byId = new Map(kept.map((h) => [h.paperId, h]));
      ranked = (await orderPapers(this.db, [...byId.keys()], o.sort)).map((id) => byId.get(id)!);
    }
    return { query, hits: ranked.slice(offset, offset + limit), more: ranked.length > offset + limit };
  }

  private similarMemo = new SimilarMemo();

  /**
   * Papers like this one by words (its title and rarest abstract words) and by meaning (its own vector),
   * itself excluded; remembered until either index changes (similar.ts).
   */
  async similar(paper: { id: string; title: string; abstract: string | null }, limit: number): Promise<Hit[]> {
    const sem = await this.semantic.current();
    const index = this.tuning.keywords === 'memory' ? await this.keywords.current() : null;
    // Up to the ranking's candidate depths, a longer answer starts with the shorter one.
    const t = this.tuning;
    const maxDepth = Math.min(t.keywordDepth, t.semanticDepth > 0 ? t.semanticDepth : Infinity);
    return this.similarMemo.get(paper, limit, indexState(index, sem), maxDepth, async (depth) => {
      const own = sem ? await sem.search.get(paper.id) : null;
      const query = parseQuery(keyTerms(paper, sem?.embedder.rarity));
      return this.rank(query, {}, depth, new Set([paper.id]), sem, own, index);
    });
  }

  /**
   * Keyword and semantic matches fused. `sem` is the semantic index as the caller brought it up to
   * date: each `current()` of either index asks the database what changed, once per search is enough.
   */
  private async rank(query: ParsedQuery, filters: SearchFilters, depth: number, exclude: Set<string>, sem: Semantic | null, vector?: Float32Array | null, keywordIndex?: KeywordIndex | null): Promise<Hit[]> {
    const t = this.tuning;
    const index = keywordIndex !== undefined ? keywordIndex : t.keywords === 'memory' ? await this.keywords.current() : null;
    const keywordP = hasKeywords(query) && !this.semanticOnly ? this.keywordHits(query, filters, Math.max(depth, t.keywordDepth), exclude, index, sem) : Promise.resolve([]);
    const qv = vector ?? (sem && query.semanticText ? await sem.embedder.embedQuery(query.semanticText) : null);
    const keyword = await keywordP;
    const best = keyword[0]?.score || 1;
    const hits = new Map<string, Hit>();
    const cosines = qv && sem ? await sem.search.similarities(qv, keyword.map((k) => k.paperId)) : new Map<string, number>();
    for (const k of keyword) {
      const cos = cosines.get(k.paperId) ?? null;
      hits.set(k.paperId, { paperId: k.paperId, score: k.score / best + t.semanticWeight * (cos ?? 0), keyword: k.score / best, semantic: cos });
    }
    // Required phrases, authors and exclusions are keyword constraints: meaning alone cannot add results then.
    const strict = query.phrases.length + query.authors.length + query.excluded.length > 0;
    if (qv && sem && !strict && t.semanticDepth > 0) {
      const found = await sem.search.nearest(qv, Math.max(depth, t.semanticDepth), exclude);
      const floor = Math.max(t.semanticFloor, (found[0]?.score ?? 0) * t.semanticRelativeFloor);
      const near = found.filter((n) => n.score >= floor && !hits.has(n.paperId));
      // Hidden papers and the filters apply to meaning-only matches too (the keyword index knows both once built).
      const ids = near.map((n) => n.paperId);
      const ok = index ? this.keywords.passing(index, ids, filters) : await passingFilters(this.db, ids, filters);
      for (const n of near) {
        if (ok.has(n.paperId)) hits.set(n.paperId, { paperId: n.paperId, score: t.semanticWeight * n.score, keyword: 0, semantic: n.score });
      }
    }
    return [...hits.values()].sort((a, b) => b.score - a.score || (a.paperId < b.paperId ? -1 : 1)).slice(0, depth);
  }

  /** Keyword matches, best first: from this process's index when built, else from the database's. */
  private async keywordHits(query: ParsedQuery, filters: SearchFilters, limit: number, exclude: Set<string>, index: KeywordIndex | null, sem: Semantic | null): Promise<Scored[]> {
    const t = this.tuning;
    if (index) return this.keywords.rank(index, query, filters, { fields: t.fields, k1: t.k1, b: t.b, idfPower: t.idfPower }, limit, exclude);
    const idf = sem?.embedder.idf;
    const termWeights = idf ? new Map(query.terms.map((w) => [w, idf(w)])) : undefined;
    // Pruning keeps a server fast while its own index builds; elsewhere (the CLI, the database ranker)
    // every word is ranked, as the in-memory index does, so both rank alike.
    const kq = this.keywords.warming ? await this.pruned(query) : query;
    const found = await keywordSearch(this.db, kq, filters, t.fields, limit + exclude.size, termWeights);
    return found.filter((k) => !exclude.has(k.paperId));
  }

  /**
   * The free words worth ranking by: a word in most papers adds almost nothing to BM25 yet costs a
   * pass over most of the archive, so very common words are dropped and long queries cut to their
   * rarest words. Phrases, prefixes and authors stay as typed.
   */
  private async pruned(query: ParsedQuery): Promise<ParsedQuery> {
    const t = this.tuning;
    if (!query.terms.length || (t.maxDocShare >= 1 && query.terms.length <= t.maxTerms)) return query;
    const total = await this.papersIndexed();
    if (total < t.pruneAbove) return query;
    const stems = query.terms.map(stem);
    const counts = await keywordFrequencies(this.db, stems);
    const df = (i: number) => counts?.get(stems[i]!) ?? 0;
    const order = query.terms.map((_, i) => i).sort((a, b) => df(a) - df(b));
    let kept = order.filter((i) => !counts || df(i) <= t.maxDocShare * total);
    if (kept.length < Math.min(2, order.length)) kept = order.slice(0, Math.min(2, order.length));
    kept = kept.slice(0, t.maxTerms).sort((a, b) => a - b);
    return { ...query, terms: kept.map((i) => query.terms[i]!) };
  }

  private total: { n: number; at: number } | null = null;
  private async papersIndexed(): Promise<number> {
    if (!this.total || Date.now() - this.total.at > 60_000) this.total = { n: await indexedPapers(this.db), at: Date.now() };
    return this.total.n;
  }
}

/** A keyword query standing for a paper: its title words and its rarest abstract words (by the model's rarity, where it knows). */
function keyTerms(paper: { title: string; abstract: string | null }, rarity?: (word: string) => number): string {
  const title = words(paper.title);
  const rest = [...new Set(words(paper.abstract ?? ''))].filter((w) => w.length > 3 && !title.includes(w));
  const picked = rarity ? rest.map((w) => [w, rarity(w)] as const).filter(([, r]) => r > 0).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([w]) => w) : rest.slice(0, 12);
  return [...title, ...picked].map((w) => w.replace(/['"*-]/g, ' ')).join(' ');
}

const engines = new WeakMap<Db, SearchEngine>();

/** This process's engine for a database handle (its semantic index is shared by every caller). */
export function searchEngine(db: Db): SearchEngine {
  let e = engines.get(db);
  if (!e) engines.set(db, (e = new SearchEngine(db)));
  return e;
}

onPapersChanged((db, ids) => embedPapers(db, searchEngine(db).semantic, ids));
