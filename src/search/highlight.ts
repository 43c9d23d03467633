// Which stretches of a title or abstract match a query, for <mark>: a word matches when its stem
// is a query word's stem (so "quantized" lights up for "quantization"), or it starts with a prefix.
import { Lru } from '../lru.ts';
import { highlightWords, type ParsedQuery } from './query.ts';
import { stem, words } from './text.ts';

export interface Segment {
  text: string;
  match: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

export interface Matcher {
  (word: string): boolean;
}

/** Words as written → as folded (case, accents): the words of the results recur query after query. */
const folded = new Lru<string, string>(10_000);
function fold(raw: string): string {
  let w = folded.get(raw);
  if (w === undefined) folded.set(raw, (w = words(raw)[0] ?? ''));
  return w;
}

export function matcher(q: ParsedQuery): Matcher {
  const h = highlightWords(q);
  const stems = new Set(h.words.map(stem));
  return (raw) => {
    const w = fold(raw);
    if (!w) return false;
    return stems.has(stem(w)) || h.prefixes.some((p) => w.startsWith(p));
  };
}

/** The text cut into matching and non-matching segments. */
export function segments(text: string, match: Matcher): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    if (!match(m[0])) continue;
    if (m.index! > last) out.push({ text: text.slice(last, m.index), match: false });
    out.push({ text: m[0], match: true });
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), match: false });
  return out;
}

/** Where to cut about `length` characters of the text around its densest run of matches, at word breaks. */
export function snippetRange(text: string, match: Matcher, length = 280): { start: number; end: number } {
  if (text.length <= length) return { start: 0, end: text.length };
  const hits = [...text.matchAll(WORD)].filter((m) => match(m[0])).map((m) => m.index!);
  let start = 0;
  let best = -1;
  for (const h of hits) {
    const count = hits.filter((x) => x >= h && x < h + length * 0.8).length;
    if (count > best) (best = count), (start = h);
  }
  start = Math.max(0, start - 40);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  let end = Math.min(text.length, start + length);
  if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  return { start, end };
}
