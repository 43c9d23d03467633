// What the keyword index scores by: BM25 over weighted fields as FTS5 computes it, the units a
// query is matched in, and the hash that tells a paper's changed words from changed facts.
import type { PaperFacts } from '../db/search-changes.ts';
import type { SearchText } from './keyword-terms.ts';

/**
 * BM25 over weighted fields, the way FTS5's bm25() weighs columns: each field's count times its
 * weight, summed, then saturated by k1 against the whole paper's length (b) — so results match the
 * database's ranking, which the field weights were measured with.
 */
export interface Bm25f {
  fields: { title: number; authors: number; abstract: number };
  k1: number;
  /** Length normalisation (0: none, 1: full) by the paper's length in words, all fields together. */
  b: number;
  /**
   * Each word's IDF is raised to this power: below 1 it flattens rarity, so one rare word a paper
   * happens to share counts for less against several shared common ones — what queries in other
   * words than the paper's need (measured in engine.ts TUNING). 1: FTS5's BM25.
   */
  idfPower: number;
}

/** Terms scored together (one word, or every completion of a prefix), optionally in one field only. */
export interface Unit {
  terms: number[];
  field?: number;
  /** any: a result has at least one of the `any` units; all: every `all` unit; none: no `none` unit (not scored). */
  need: 'any' | 'all' | 'none';
}

/** A paper as the index takes it: its words and the facts filters look at. */
export type IndexedPaper = SearchText & { facts: PaperFacts };

/** A hash of a paper's words, to tell a change of facts alone (a vote) from a change of text. */
export function textHash(t: SearchText): number {
  let h = 0x811c9dc5 | 0;
  for (const s of [t.title, t.authors, t.abstract]) {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    h = Math.imul(h ^ 0xff, 16777619);
  }
  return h;
}

/** Matching papers (index slots) and their scores, unordered. */
export interface Matches {
  slots: Int32Array;
  scores: Float32Array;
}

/** FTS5's BM25 IDF, floored the same way so that words in most papers still count for a little. */
export function bm25Idf(papers: number, withWord: number): number {
  return Math.max(Math.log((papers - withWord + 0.5) / (withWord + 0.5)), 1e-6);
}
