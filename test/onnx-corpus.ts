// What the end-to-end ONNX tests share: two topics the tiny model knows, two sky papers related by
// meaning alone, the JSON lines that import them beside the topic corpus, and the ids an API answers.
import { expect } from 'vitest';
import { topicPapers } from './search-corpus.ts';

export const QUANT = ['quantization', 'int4', 'weights', 'compression', 'lowbit', 'outliers', 'rounding', 'calibration', 'memory', 'inference'];
export const ASTRO = ['galaxy', 'telescope', 'stellar', 'photometry', 'quasar', 'redshift', 'nebula'];

// Two papers on one theme without a word in common: only their meaning relates them.
export const SKY = { arxiv_id: '2602.00001', title: 'A galaxy telescope survey', abstract: 'Stellar photometry of faint galaxy fields.' };
export const FAR = { arxiv_id: '2602.00002', title: 'Quasar redshift catalogue', abstract: 'Nebula spectra and quasar redshift estimates.' };

/** The topic corpus (8 papers a topic) and the two sky papers, as lines for `paperboy import`. */
export function importLines(): string {
  const lines = [
    ...topicPapers(8).map((p) => ({ arxiv_id: p.id, title: p.title, abstract: p.abstract, authors: p.authors!.map((a) => a.name), categories: p.categories, published_at: p.publishedAt!.slice(0, 10) })),
    ...[SKY, FAR].map((p) => ({ ...p, authors: ['Vera Rubin'], categories: ['astro-ph.GA'], published_at: '2026-02-02' })),
  ];
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

export interface Item {
  paper: { id: string };
}

/** The paper ids of an API answer in HF's shape, which must be 200. */
export async function apiIds(url: string, path: string): Promise<string[]> {
  const res = await fetch(`${url}${path}`);
  expect(res.status, path).toBe(200);
  return ((await res.json()) as Item[]).map((i) => i.paper.id);
}
