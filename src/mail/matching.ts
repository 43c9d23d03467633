// Which papers a saved search's query matches. Alerts ask only this function, so moving them to
// the site's search engine is a change here alone. Until then: keyword matching over title and
// abstract — every word (or "quoted phrase") of the query must start a word of the paper.
import type { Paper } from '../domain/paper.ts';

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The query as patterns that must all match: phrases in quotes, otherwise single words. */
export function queryPatterns(query: string): RegExp[] {
  const patterns: RegExp[] = [];
  for (const m of fold(query).matchAll(/"([^"]+)"|([\p{L}\p{N}][\p{L}\p{N}+#.-]*)/gu)) {
    const words = (m[1] ?? m[2]!).match(/[\p{L}\p{N}]+/gu);
    if (!words) continue;
    patterns.push(new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escapeRegExp).join('[^\\p{L}\\p{N}]+')}`, 'u'));
  }
  return patterns;
}

/** The papers (in their given order) that match the query. */
export async function papersMatching<P extends Pick<Paper, 'title' | 'abstract'>>(query: string, papers: readonly P[]): Promise<P[]> {
  const patterns = queryPatterns(query);
  if (!patterns.length) return [];
  return papers.filter((p) => {
    const text = fold(`${p.title}\n${p.abstract ?? ''}`);
    return patterns.every((re) => re.test(text));
  });
}
