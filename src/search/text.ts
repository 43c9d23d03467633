// Turning text into the terms paperboy's semantic model counts: words folded to lower case,
// accents removed, LaTeX commands dropped, function words left out, Porter-stemmed.
import { stemmer } from 'stemmer';
import { STOPWORDS } from './stopwords.ts';

const WORD = /[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu;
const LATEX_COMMAND = /\\[a-zA-Z]+/g;
const stems = new Map<string, string>();

/** Lower-cased words without accents, in order (hyphenated words stay one word: "pre-training"). */
export function words(text: string): string[] {
  const folded = text.replace(LATEX_COMMAND, ' ').normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return folded.match(WORD) ?? [];
}

/** The Porter stem of one lower-case word, memoised (the same few thousand words recur everywhere). */
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = stemmer(word);
    if (stems.size < 500_000) stems.set(word, s);
  }
  return s;
}

/**
 * Content terms for the vector model: hyphenated words also give their parts ("self-supervised" →
 * "self-supervis", "self", "supervis"), pure numbers and function words are dropped.
 */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (STOPWORDS.has(w)) continue;
    if (w.includes('-') || w.includes("'")) {
      const parts = w.split(/[-']/).filter((p) => p.length > 1 && !STOPWORDS.has(p) && !/^\d+$/.test(p));
      out.push(stem(w.replace(/'/g, '')));
      for (const p of parts) out.push(stem(p));
    } else if (!/^\d+$/.test(w) && w.length > 1) out.push(stem(w));
  }
  return out;
}
