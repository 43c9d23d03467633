// Similar papers remembered per paper. Finding them ranks a paper's key words over every paper and
// scans every vector (about 10 ms at 100k papers) for the same answer on each view of the paper
// page, until the keyword or the vector index changes: a new, edited, hidden or deleted paper moves
// the keyword index's version; a vector written (a new paper embedded, a re-embedding) moves the vector
// index's; a new model or a rebuilt index is a new object. An answer is reused only while all match.
import { Lru } from '../lru.ts';
import type { Hit } from './engine.ts';
import type { KeywordIndex } from './keyword-index.ts';
import type { Semantic } from './semantic.ts';

/**
 * Everything besides the paper that similar papers are computed from, as it is now: which keyword
 * index and at which text version, which model, embedder (it gives the rarity of words, and can change
 * under a model: one that failed to load, loaded later) and vector index version. Objects are named by
 * number, so a remembered answer never keeps a replaced index alive.
 */
export type IndexState = string;

const names = new WeakMap<object, number>();
let lastName = 0;
function nameOf(o: object | null | undefined): number {
  if (!o) return 0;
  let n = names.get(o);
  if (n === undefined) names.set(o, (n = ++lastName));
  return n;
}

/**
 * The indexes' state, or null where this process cannot see changes: keywords ranked by the database
 * (its index not built yet, or tuned so), or vectors held only by pgvector. Nothing is remembered then.
 */
export function indexState(keywords: KeywordIndex | null, semantic: Semantic | null): IndexState | null {
  if (!keywords || (semantic && !semantic.index)) return null;
  return [nameOf(keywords), keywords.textVersion, nameOf(semantic), nameOf(semantic?.embedder), semantic?.index?.version ?? 0].join(' ');
}

/** A paper's title and abstract, hashed: an edited paper is looked for afresh even before its index entry moves. */
function textHash(paper: { title: string; abstract: string | null }): number {
  let h = 0x811c9dc5;
  const text = `${paper.title}\u0000${paper.abstract ?? ''}`;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

interface Entry {
  state: IndexState;
  text: number;
  depth: number;
  hits: Promise<Hit[]>;
}

/** Papers remembered: at least this many, at most twice (about 1 KB each: ten hits). */
export const SIMILAR_PAPERS_REMEMBERED = 5000;
/** Hits computed at least: the paper page's six and the API's default ten share one entry. */
const MIN_DEPTH = 10;

export class SimilarMemo {
  private entries = new Lru<string, Entry>(SIMILAR_PAPERS_REMEMBERED);

  /**
   * The first `limit` similar papers: remembered ones while `state` is unchanged, else `compute(depth)`
   * for at least `limit`, where `maxDepth` is the deepest answer whose first papers are the answer for
   * fewer (the ranking's candidate depth). Requests for the same paper at once share one computation.
   */
  async get(paper: { id: string; title: string; abstract: string | null }, limit: number, state: IndexState | null, maxDepth: number, compute: (depth: number) => Promise<Hit[]>): Promise<Hit[]> {
    const depth = Math.max(limit, MIN_DEPTH);
    if (!state || depth > maxDepth) return compute(limit);
    const text = textHash(paper);
    const known = this.entries.get(paper.id);
    if (known && known.depth >= limit && known.text === text && known.state === state) return (await known.hits).slice(0, limit);
    const entry: Entry = { state, text, depth, hits: compute(depth) };
    this.entries.set(paper.id, entry);
    entry.hits.catch(() => this.entries.get(paper.id) === entry && this.entries.delete(paper.id));
    return (await entry.hits).slice(0, limit);
  }
}
