// Which papers a saved search's query matches: the site search's keyword side (the same query
// syntax, stemming, "phrases", author:names and -exclusions, kept current by the search index),
// with every word required. Not its meaning-based side: an alert holds papers that say what was asked.
import type { Db } from '../db/driver.ts';
import { keywordSearch } from '../db/search.ts';
import { TUNING } from '../search/engine.ts';
import { hasKeywords, parseQuery } from '../search/query.ts';

/** Enough keyword hits over all listed papers that a digest window's matches are among them. */
const DEPTH = 20_000;

/** The papers (in their given order) that match the query. */
export async function papersMatching<P extends { id: string }>(db: Db, query: string, papers: readonly P[]): Promise<P[]> {
  const parsed = parseQuery(query);
  if (!hasKeywords(parsed) || !papers.length) return [];
  // The site's ranking wants any of the words; an alert wants all of them (as one-word phrases).
  const everyWord = { ...parsed, terms: [], phrases: [...parsed.phrases, ...parsed.terms.map((t) => [t])] };
  const hits = new Set((await keywordSearch(db, everyWord, { listed: true }, TUNING.fields, DEPTH)).map((h) => h.paperId));
  return papers.filter((p) => hits.has(p.id));
}
