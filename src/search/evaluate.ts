// Scoring rankings against relevance judgments (TREC qrels): nDCG@k, MRR@k, recall@k.
import { readFileSync } from 'node:fs';

/** query id → (document id → grade). */
export type Qrels = Map<string, Map<string, number>>;
/** query id → document ids, best first. */
export type Run = Map<string, string[]>;

/** BEIR's qrels TSV (`query-id corpus-id score`, header optional) or TREC's four columns. */
export function parseQrels(text: string): Qrels {
  const qrels: Qrels = new Map();
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 3 || cols[0] === 'query-id') continue;
    const [q, d, g] = cols.length >= 4 ? [cols[0]!, cols[2]!, cols[3]!] : [cols[0]!, cols[1]!, cols[2]!];
    const grade = Number(g);
    if (!Number.isFinite(grade)) continue;
    if (!qrels.has(q)) qrels.set(q, new Map());
    qrels.get(q)!.set(d, grade);
  }
  return qrels;
}

export function readQrels(path: string): Qrels {
  return parseQrels(readFileSync(path, 'utf8'));
}

/** A TREC run file (`qid Q0 docid rank score tag`), ordered by rank. */
export function parseRun(text: string): Run {
  const rows = new Map<string, { d: string; rank: number }[]>();
  for (const line of text.split('\n')) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 6) continue;
    if (!rows.has(cols[0]!)) rows.set(cols[0]!, []);
    rows.get(cols[0]!)!.push({ d: cols[2]!, rank: Number(cols[3]) });
  }
  return new Map([...rows].map(([q, list]) => [q, list.sort((a, b) => a.rank - b.rank).map((r) => r.d)]));
}

export function ndcg(ranked: readonly string[], judged: Map<string, number>, k = 10): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((d, i) => {
    const g = judged.get(d) ?? 0;
    if (g > 0) dcg += (2 ** g - 1) / Math.log2(i + 2);
  });
  const ideal = [...judged.values()].filter((g) => g > 0).sort((a, b) => b - a).slice(0, k);
  const idcg = ideal.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  return idcg ? dcg / idcg : 0;
}

export function reciprocalRank(ranked: readonly string[], judged: Map<string, number>, k = 10): number {
  const i = ranked.slice(0, k).findIndex((d) => (judged.get(d) ?? 0) > 0);
  return i < 0 ? 0 : 1 / (i + 1);
}

export function recall(ranked: readonly string[], judged: Map<string, number>, k = 100): number {
  const relevant = [...judged].filter(([, g]) => g > 0).map(([d]) => d);
  if (!relevant.length) return 0;
  const top = new Set(ranked.slice(0, k));
  return relevant.filter((d) => top.has(d)).length / relevant.length;
}

/** Mean of a per-query metric over the judged queries (a query missing from the run scores 0). */
export function mean(run: Run, qrels: Qrels, metric: (ranked: readonly string[], judged: Map<string, number>) => number): number {
  let sum = 0;
  for (const [q, judged] of qrels) sum += metric(run.get(q) ?? [], judged);
  return qrels.size ? sum / qrels.size : 0;
}
