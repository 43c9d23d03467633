// Titles and abstracts as arXiv writes them: $…$, $$…$$, \(…\), \[…\] rendered by KaTeX on the
// server, a few text macros (\emph, \textbf, …) turned into markup, everything else escaped.
import katex from 'katex';
import { escapeHtml, raw, type Html } from './html.ts';

const MATH = /\$\$([\s\S]+?)\$\$|(?<!\\)\$((?:\\\$|[^$])+?)\$|\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]/g;
const TEXT_MACROS: [RegExp, string, string][] = [
  [/\\(?:emph|textit)\{([^{}]*)\}/g, '<em>', '</em>'],
  [/\\textbf\{([^{}]*)\}/g, '<strong>', '</strong>'],
  [/\\texttt\{([^{}]*)\}/g, '<code>', '</code>'],
  [/\\(?:url|href)\{([^{}]*)\}/g, '', ''],
];

const cache = new Map<string, string>();
const CACHE_SIZE = 20_000;

function textPart(text: string): string {
  let out = escapeHtml(text.replace(/\\([%$&_#])/g, '$1').replace(/``|''/g, '"').replace(/~/g, '\u00a0'));
  for (const [pattern, open, close] of TEXT_MACROS) out = out.replace(pattern, (_m, inner: string) => open + inner + close);
  return out;
}

function mathPart(tex: string, display: boolean): string {
  return katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml', strict: 'ignore', trust: false, maxExpand: 200 });
}

/** Renders text that may hold LaTeX; results are memoised (the same abstracts render on every request). */
export function latex(text: string): Html {
  const hit = cache.get(text);
  if (hit !== undefined) return raw(hit);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(MATH)) {
    out += textPart(text.slice(last, m.index));
    const display = m[1] !== undefined || m[4] !== undefined;
    out += mathPart((m[1] ?? m[2] ?? m[3] ?? m[4])!, display);
    last = m.index! + m[0].length;
  }
  out += textPart(text.slice(last));
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(text, out);
  return raw(out);
}

/** Plain text for places that cannot hold markup (feeds, <title>, e-mail subjects). */
export function latexToText(text: string): string {
  return text.replace(MATH, (_m, a, b, c, d) => (a ?? b ?? c ?? d) as string).replace(/\\(?:emph|textit|textbf|texttt)\{([^{}]*)\}/g, '$1').replace(/\s+/g, ' ').trim();
}
