// Text that may hold LaTeX, rendered as everywhere else (views/latex.ts) with a query's matches in
// <mark>, whole or cut to a snippet around them. It works on the rendered markup, so a formula is
// never cut or split by a mark: it is kept or left out whole, and marked whole when its TeX holds a match.
// The same titles and abstracts come back search after search, so each text's parse is memoised, and
// within one query each word is tested once: only the marking itself is done per query.
import { Lru } from '../lru.ts';
import { segments, snippetRange, type Matcher } from '../search/highlight.ts';
import { html, raw, type Html } from './html.ts';
import { latex } from './latex.ts';

type Piece =
  | { kind: 'text'; text: string }
  | { kind: 'tag'; html: string; open: boolean }
  | { kind: 'math'; html: string; tex: string; words: string[] };

/** A text rendered and cut into pieces, with the plain text (formulas as their TeX) a snippet is cut from. */
interface Parsed {
  parts: Piece[];
  /** Where each piece starts in `plain`, and (last) its length. */
  starts: number[];
  plain: string;
}

/**
 * Texts kept parsed: the titles and abstracts of 50–100 queries' results. Measured on arXiv: about
 * 1 KB each beside latex()'s own memo of the markup, up to 10 KB for abstracts full of formulas.
 */
const PARSED_TEXTS = 2000;
const parsedTexts = new Lru<string, Parsed>(PARSED_TEXTS);
/** Words one query's test remembers; past this it starts afresh (a matcher normally lives for one request). */
const MEMO_WORDS = 50_000;
const memoMatchers = new WeakMap<Matcher, Matcher>();

const UNESCAPES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const unescape = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (e) => UNESCAPES[e]!);
const SPAN = /<span\b|<\/span>/g;
const ANNOTATION = /<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>/;
/** Words of a formula's TeX that are not command names ("softmax" in \mathrm{softmax}, not "mathrm"). */
const TEX_WORD = /(?<![\\\p{L}\p{N}])[\p{L}\p{N}]{3,}/gu;

/** The rendered markup cut into text, the text macros' tags, and whole KaTeX formulas. */
function pieces(markup: string): Piece[] {
  const out: Piece[] = [];
  let i = 0;
  while (i < markup.length) {
    if (markup.startsWith('<span class="katex', i)) {
      // A formula ends where its outermost span closes; KaTeX escapes any "<" inside its TeX.
      let depth = 0;
      SPAN.lastIndex = i;
      for (let m = SPAN.exec(markup); m; m = SPAN.exec(markup)) {
        depth += m[0] === '</span>' ? -1 : 1;
        if (depth === 0) break;
      }
      const end = depth === 0 ? SPAN.lastIndex : markup.length;
      const formula = markup.slice(i, end);
      const tex = ANNOTATION.exec(formula)?.[1] ?? formula.replace(/<[^>]*>/g, '');
      const source = unescape(tex);
      out.push({ kind: 'math', html: formula, tex: source, words: Array.from(source.matchAll(TEX_WORD), (w) => w[0]) });
      i = end;
    } else if (markup[i] === '<') {
      const end = markup.indexOf('>', i) + 1 || markup.length;
      const tag = markup.slice(i, end);
      out.push({ kind: 'tag', html: tag, open: !tag.startsWith('</') });
      i = end;
    } else {
      const end = markup.indexOf('<', i) === -1 ? markup.length : markup.indexOf('<', i);
      out.push({ kind: 'text', text: unescape(markup.slice(i, end)) });
      i = end;
    }
  }
  return out;
}

const plainOf = (p: Piece) => (p.kind === 'text' ? p.text : p.kind === 'math' ? p.tex : '');

function parsed(text: string): Parsed {
  const hit = parsedTexts.get(text);
  if (hit) return hit;
  const parts = pieces(latex(text).value);
  const starts = [0];
  for (const p of parts) starts.push(starts.at(-1)! + plainOf(p).length);
  const out = { parts, starts, plain: parts.map(plainOf).join('') };
  parsedTexts.set(text, out);
  return out;
}

/** The same test, answering each distinct word from memory after its first time (stemming is the cost). */
function memoised(match: Matcher): Matcher {
  let memo = memoMatchers.get(match);
  if (!memo) {
    const seen = new Map<string, boolean>();
    memo = (word) => {
      let found = seen.get(word);
      if (found === undefined) {
        if (seen.size >= MEMO_WORDS) seen.clear();
        seen.set(word, (found = match(word)));
      }
      return found;
    };
    memoMatchers.set(match, memo);
  }
  return memo;
}

/** Plain text (no LaTeX: author names) with its matches marked. */
export function markText(text: string, test: Matcher | null): Html {
  if (!test) return html`${text}`;
  const match = memoised(test);
  return html`${segments(text, match).map((s) => (s.match ? html`<mark>${s.text}</mark>` : s.text))}`;
}

/**
 * `text` rendered with its LaTeX and matches marked; with `length`, only about that many characters
 * (counting a formula by its TeX) around the densest run of matches, with "…" where it was cut.
 */
export function markedLatex(text: string, test: Matcher | null, length?: number): Html {
  const { parts, starts, plain } = parsed(text);
  const match = test && memoised(test);
  let { start, end } = length ? snippetRange(plain, match ?? (() => false), length) : { start: 0, end: plain.length };
  for (let i = 0; i < parts.length; i++) {
    const [from, at] = [starts[i]!, starts[i + 1]!];
    if (parts[i]!.kind !== 'math') continue;
    if (from < start && start < at) start = from;
    if (from < end && end < at) end = at;
  }
  const open: string[] = [];
  const body: (Html | string)[] = [];
  let started = false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const [from, at] = [starts[i]!, starts[i + 1]!];
    if (p.kind === 'tag') {
      if (from >= end && started) break;
      if (started) body.push(raw(p.html));
      if (p.open) open.push(p.html);
      else open.pop();
      continue;
    }
    if (at <= start || from >= end) {
      if (from >= end) break;
      continue;
    }
    if (!started) (started = true), body.push(raw(open.join('')));
    if (p.kind === 'math') body.push(match && p.words.some(match) ? raw(`<mark>${p.html}</mark>`) : raw(p.html));
    else body.push(markText(p.text.slice(Math.max(0, start - from), end - from), match));
  }
  const close = !started ? '' : open.map((t) => `</${/^<(\w+)/.exec(t)![1]}>`).reverse().join('');
  return html`${start > 0 ? '… ' : ''}${body}${raw(close)}${end < plain.length ? ' …' : ''}`;
}
