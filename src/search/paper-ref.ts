// A query that names one paper: an arXiv id (new or old style, with or without version, "arXiv:"
// prefix) or a link to it on arxiv.org or Hugging Face. Such a query is a look-up, not a search.
import type { Db } from '../db/driver.ts';
import { passingFilters, type SearchFilters } from '../db/search.ts';
import { parseArxivRef } from '../domain/arxiv-id.ts';
import type { Hit } from './engine.ts';

const HF_URL = /^(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\/papers\/([^?#]+?)\/?(?:[?#].*)?$/i;

/** The paper id (without version) a query names, or null when the query is not just a reference to one paper. */
export function paperRefOf(query: string): string | null {
  const text = query.trim();
  const hf = HF_URL.exec(text);
  return parseArxivRef(hf ? hf[1]! : text)?.id ?? null;
}

/**
 * The hits for a query naming one paper: that paper alone when it is on the site, visible and within
 * the filters, else none (the other matches for an id or a link are words like "arxiv" and "abs",
 * unrelated to what was asked). Null when the query names no paper.
 */
export async function paperRefHits(db: Db, query: string, filters: SearchFilters): Promise<Hit[] | null> {
  const id = paperRefOf(query);
  if (!id) return null;
  const found = await passingFilters(db, [id], filters);
  return found.has(id) ? [{ paperId: id, score: 1, keyword: 1, semantic: null }] : [];
}
