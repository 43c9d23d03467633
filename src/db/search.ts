// Keyword search in the database: FTS5 BM25 on SQLite, tsvector ranking on PostgreSQL, both with
// field weights (title, authors, abstract), plus the filters every search can apply.
import type { Paper } from '../domain/paper.ts';
import type { ParsedQuery } from '../search/query.ts';
import { rowToPaper, type PaperRow } from './papers.ts';
import { DAILY_COLUMNS, rowToListed, type ListedRow } from './daily.ts';
import type { Db } from './driver.ts';
import { placeholders } from './sql.ts';

export interface SearchFilters {
  /** Published on or after / on or before, YYYY-MM-DD. */
  from?: string;
  to?: string;
  category?: string;
  hasCode?: boolean;
  minUpvotes?: number;
  /** true: only papers on a daily list; false: only papers never listed. */
  listed?: boolean;
}

export interface FieldWeights {
  title: number;
  authors: number;
  abstract: number;
}

export interface Scored {
  paperId: string;
  score: number;
}

/** `where` conditions on papers p (and its daily entry, joined as d) for the filters. */
export function filterSql(f: SearchFilters): { where: string[]; params: unknown[]; needsDaily: boolean } {
  const where = ['p.hidden = 0'];
  const params: unknown[] = [];
  if (f.from) (where.push('p.published_at >= ?'), params.push(f.from));
  if (f.to) (where.push('p.published_at < ?'), params.push(`${f.to}T99`));
  if (f.category) (where.push('p.categories like ?'), params.push(`%${JSON.stringify(f.category).replace(/[%_\\]/g, '\\$&')}%`));
  if (f.hasCode) where.push('p.github_url is not null');
  if (f.minUpvotes) (where.push('p.upvotes >= ?'), params.push(f.minUpvotes));
  if (f.listed === true) where.push('d.paper_id is not null');
  if (f.listed === false) where.push('d.paper_id is null');
  return { where: where.map((w) => (w.includes('like') ? `${w} escape '\\'` : w)), params, needsDaily: f.listed !== undefined };
}

const quote = (word: string) => `"${word.replace(/"/g, '""')}"`;

/** The FTS5 MATCH expression: ranked words OR'ed, phrases and authors required, exclusions NOT'ed. */
export function fts5Match(q: ParsedQuery): string | null {
  const ranked = [...q.terms.map(quote), ...q.prefixes.map((p) => `${quote(p)}*`)];
  const required = [...q.phrases.map((p) => quote(p.join(' '))), ...q.authors.map((a) => `authors : ${quote(a.join(' '))}`)];
  const parts = [...(ranked.length ? [`(${ranked.join(' OR ')})`] : []), ...required];
  if (!parts.length) return null;
  return parts.join(' AND ') + q.excluded.map((e) => ` NOT ${quote(e.join(' '))}`).join('');
}

const lexeme = (word: string) => word.replace(/[^\p{L}\p{N}]/gu, '');

/** PostgreSQL tsquery parts: user text through websearch_to_tsquery, prefixes and authors through to_tsquery. */
export function pgQuery(q: ParsedQuery): { sql: string; params: unknown[] } | null {
  const ranked: string[] = [];
  const params: unknown[] = [];
  if (q.terms.length) (ranked.push(`websearch_to_tsquery('english', ?)`), params.push(q.terms.join(' or ')));
  const prefixes = q.prefixes.map(lexeme).filter(Boolean);
  if (prefixes.length) (ranked.push(`to_tsquery('english', ?)`), params.push(prefixes.map((p) => `${p}:*`).join(' | ')));
  const required: string[] = [];
  const strict = [...q.phrases.map((p) => `"${p.join(' ')}"`), ...q.excluded.map((e) => `-"${e.join(' ')}"`)].join(' ');
  if (strict) (required.push(`websearch_to_tsquery('english', ?)`), params.push(strict));
  for (const a of q.authors) {
    const ws = a.map(lexeme).filter(Boolean);
    if (ws.length) (required.push(`to_tsquery('english', ?)`), params.push(ws.map((w) => `${w}:B`).join(' <-> ')));
  }
  if (!ranked.length && !q.phrases.length && !q.authors.length) return null;
  const parts = [...(ranked.length ? [`(${ranked.join(' || ')})`] : []), ...required];
  return { sql: parts.join(' && '), params };
}

/** The best `limit` papers by keyword score (higher is better), filtered. */
/**
 * `termWeights` (PostgreSQL only: FTS5's BM25 has its own IDF) weighs each free word's ts_rank, since
 * ts_rank alone knows no word rarity and lets a common word repeated outrank the rare word searched for.
 */
export async function keywordSearch(db: Db, q: ParsedQuery, filters: SearchFilters, weights: FieldWeights, limit: number, termWeights?: Map<string, number>): Promise<Scored[]> {
  const f = filterSql(filters);
  const daily = f.needsDaily ? 'left join daily_entries d on d.paper_id = p.id' : '';
  if (db.dialect === 'sqlite') {
    const match = fts5Match(q);
    if (!match) return [];
    const rank = `bm25(search_fts, ${+weights.title}, ${+weights.authors}, ${+weights.abstract})`;
    if (!Object.keys(filters).length) {
      // Rank inside FTS5 first and join only the winners: joining every match costs more than ranking.
      const rows = await db.all<{ paper_id: string; score: number; hidden: number }>(
        `select s.paper_id, -f.r as score, p.hidden from (select rowid, ${rank} as r from search_fts where search_fts match ? order by r limit ?) f
         join search_docs s on s.doc = f.rowid join papers p on p.id = s.paper_id order by f.r`,
        [match, limit + 50],
      );
      const visible = rows.filter((r) => !r.hidden);
      // Enough visible papers, or every match seen: otherwise hidden ones crowded the page and the full query runs.
      if (visible.length >= limit || rows.length < limit + 50) return visible.slice(0, limit).map((r) => ({ paperId: r.paper_id, score: r.score }));
    }
    const rows = await db.all<{ paper_id: string; score: number }>(
      `select s.paper_id, -${rank} as score from search_fts f join search_docs s on s.doc = f.rowid join papers p on p.id = s.paper_id ${daily}
       where search_fts match ? and ${f.where.join(' and ')} order by ${rank} limit ?`,
      [match, ...f.params, limit],
    );
    return rows.map((r) => ({ paperId: r.paper_id, score: r.score }));
  }
  const tsq = pgQuery(q);
  if (!tsq) return [];
  // ts_rank multiplies a label's weight straight into the score, where BM25 weighs term counts before
  // they saturate; the same field weights are softened to a fourth root here (measured on dev queries).
  const soft = { title: weights.title ** 0.25, authors: weights.authors ** 0.25, abstract: weights.abstract ** 0.25 };
  const max = Math.max(soft.title, soft.authors, soft.abstract) || 1;
  const w = `'{0, ${soft.abstract / max}, ${soft.authors / max}, ${soft.title / max}}'::float4[]`;
  // With word weights: the sum of each word's ts_rank times its weight, plus the whole query's rank.
  // That costs a ts_rank per word, so it re-scores only the best matches by the plain rank.
  const weighted = termWeights && q.terms.length > 1 && q.terms.length <= 16 ? q.terms.map((t) => termWeights.get(t) ?? 1) : null;
  const plain = `ts_rank(${w}, s.document, q.query, 1)`;
  const matches = `select s.paper_id, s.document, ${plain} as r0
     from (select ${tsq.sql} as query) q, search_docs s join papers p on p.id = s.paper_id ${daily}
     where s.document @@ q.query and ${f.where.join(' and ')}`;
  const rows = weighted
    ? await db.all<{ paper_id: string; score: number }>(
        `select c.paper_id, ${weighted.map(() => `?::float8 * ts_rank(${w}, c.document, plainto_tsquery('english', ?), 1)`).join(' + ')} + c.r0 as score
         from (${matches} order by r0 desc limit ?) c order by score desc, c.paper_id limit ?`,
        [...weighted.flatMap((x, i) => [x, q.terms[i]]), ...tsq.params, ...f.params, Math.max(limit * 3, 600), limit],
      )
    : await db.all<{ paper_id: string; score: number }>(`select paper_id, r0 as score from (${matches}) m order by r0 desc, paper_id limit ?`, [...tsq.params, ...f.params, limit]);
  return rows.map((r) => ({ paperId: r.paper_id, score: Number(r.score) }));
}

/**
 * Papers containing every one (`all`) or any one (`any`) of these word sequences, and (all) with
 * these author names, in the database's own index: the in-memory keyword index keeps no word
 * positions, so required phrases, multi-word exclusions and author names are checked here.
 */
export async function phraseMatches(db: Db, q: { phrases: string[][]; authors?: string[][] }, mode: 'all' | 'any'): Promise<Set<string>> {
  const authors = q.authors ?? [];
  if (!q.phrases.length && !authors.length) return new Set();
  if (db.dialect === 'sqlite') {
    const parts = [...q.phrases.map((p) => quote(p.join(' '))), ...authors.map((a) => `authors : ${quote(a.join(' '))}`)];
    const rows = await db.all<{ paper_id: string }>(
      'select s.paper_id from search_fts f join search_docs s on s.doc = f.rowid where search_fts match ?',
      [parts.join(mode === 'all' ? ' AND ' : ' OR ')],
    );
    return new Set(rows.map((r) => r.paper_id));
  }
  const parts: string[] = [];
  const params: unknown[] = [];
  if (q.phrases.length) (parts.push(`websearch_to_tsquery('english', ?)`), params.push(q.phrases.map((p) => `"${p.join(' ')}"`).join(mode === 'all' ? ' ' : ' or ')));
  for (const a of authors) {
    const ws = a.map(lexeme).filter(Boolean);
    if (ws.length) (parts.push(`to_tsquery('english', ?)`), params.push(ws.map((w) => `${w}:B`).join(' <-> ')));
  }
  if (!parts.length) return new Set();
  const rows = await db.all<{ paper_id: string }>(`select paper_id from search_docs where document @@ (${parts.join(mode === 'all' ? ' && ' : ' || ')})`, params);
  return new Set(rows.map((r) => r.paper_id));
}

/** Which of these papers pass the filters (for candidates found by vector search). */
export async function passingFilters(db: Db, ids: readonly string[], filters: SearchFilters): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const f = filterSql(filters);
  const daily = f.needsDaily ? 'left join daily_entries d on d.paper_id = p.id' : '';
  const rows = await db.all<{ id: string }>(
    `select p.id from papers p ${daily} where p.id in (${placeholders(ids.length)}) and ${f.where.join(' and ')}`,
    [...ids, ...f.params],
  );
  return new Set(rows.map((r) => r.id));
}

/** These papers in date or vote order (for searches sorted by newest or most upvoted). */
export async function orderPapers(db: Db, ids: readonly string[], sort: 'newest' | 'upvotes'): Promise<string[]> {
  if (!ids.length) return [];
  const order = sort === 'newest' ? 'p.published_at desc, p.id desc' : 'p.upvotes desc, p.published_at desc, p.id desc';
  // NULL dates sort last on both databases.
  const rows = await db.all<{ id: string }>(
    `select p.id from papers p where p.id in (${placeholders(ids.length)}) order by case when p.published_at is null then 1 else 0 end, ${order}`,
    ids,
  );
  return rows.map((r) => r.id);
}

/** Papers with their daily entry (null when never listed), in the order of the ids given. */
export async function papersByIds(db: Db, ids: readonly string[]): Promise<Paper[]> {
  if (!ids.length) return [];
  const rows = await db.all<ListedRow | (PaperRow & { day: null })>(
    `select p.*, ${DAILY_COLUMNS}
     from papers p left join daily_entries d on d.paper_id = p.id where p.id in (${placeholders(ids.length)})`,
    ids,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [r.day ? rowToListed(r as ListedRow) : { ...rowToPaper(r), daily: null }];
  });
}

/**
 * How many papers contain each (stemmed) keyword, where the database can tell cheaply (SQLite's
 * FTS5 vocabulary); null on PostgreSQL.
 */
export async function keywordFrequencies(db: Db, stems: readonly string[]): Promise<Map<string, number> | null> {
  if (db.dialect !== 'sqlite' || !stems.length) return null;
  const rows = await db.all<{ term: string; doc: number }>(`select term, doc from search_terms where term in (${placeholders(stems.length)})`, stems);
  return new Map(rows.map((r) => [r.term, Number(r.doc)]));
}

export async function indexedPapers(db: Db): Promise<number> {
  const row = await db.get<{ n: number }>(db.dialect === 'sqlite' ? 'select max(doc) as n from search_docs' : 'select cast(count(*) as integer) as n from search_docs');
  return Number(row?.n ?? 0);
}
