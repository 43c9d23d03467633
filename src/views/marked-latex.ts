// Text that may hold LaTeX, rendered as everywhere else (views/latex.ts) with a query's matches in
// <mark>, whole or cut to a snippet around them. It works on the rendered markup, so a formula is
// never cut or split by a mark: it is kept or left out whole, and marked whole when its TeX holds a match.
import { segments, snippetRange, type Matcher } from '../search/highlight.ts';
import { html, raw, type Html } from './html.ts';
import { latex } from './latex.ts';

type Piece =
  | { kind: 'text'; text: string }
  | { kind: 'tag'; html: string; open: boolean }
  | { kind: 'math'; html: string; tex: string };

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
      out.push({ kind: 'math', html: formula, tex: unescape(tex) });
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

/** Plain text (no LaTeX: author names) with its matches marked. */
export function markText(text: string, match: Matcher | null): Html {
  if (!match) return html`${text}`;
  return html`${segments(text, match).map((s) => (s.match ? html`<mark>${s.text}</mark>` : s.text))}`;
}

/**
 * `text` rendered with its LaTeX and matches marked; with `length`, only about that many characters
 * (counting a formula by its TeX) around the densest run of matches, with "…" where it was cut.
 */
export function markedLatex(text: string, match: Matcher | null, length?: number): Html {
  const parts = pieces(latex(text).value);
  // Each piece's place in the plain text (formulas as their TeX), which the snippet is cut from.
  const plainOf = (p: Piece) => (p.kind === 'text' ? p.text : p.kind === 'math' ? p.tex : '');
  const plain = parts.map(plainOf).join('');
  let { start, end } = length ? snippetRange(plain, match ?? (() => false), length) : { start: 0, end: plain.length };
  let at = 0;
  for (const p of parts) {
    const from = at;
    at += plainOf(p).length;
    if (p.kind !== 'math') continue;
    if (from < start && start < at) start = from;
    if (from < end && end < at) end = at;
  }
  const open: string[] = [];
  const body: (Html | string)[] = [];
  let started = false;
  at = 0;
  for (const p of parts) {
    const from = at;
    at += plainOf(p).length;
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
    if (p.kind === 'math') body.push(match && [...p.tex.matchAll(TEX_WORD)].some((w) => match(w[0])) ? raw(`<mark>${p.html}</mark>`) : raw(p.html));
    else body.push(markText(p.text.slice(Math.max(0, start - from), end - from), match));
  }
  const close = !started ? '' : open.map((t) => `</${/^<(\w+)/.exec(t)![1]}>`).reverse().join('');
  return html`${start > 0 ? '… ' : ''}${body}${raw(close)}${end < plain.length ? ' …' : ''}`;
}
