// Comment bodies: Markdown (raw HTML is shown as text, images and headings are plain text, links
// are marked rel="nofollow ugc") with $…$ and $$…$$ math rendered by KaTeX through views/latex.ts.
import MarkdownIt, { type StateInline } from 'markdown-it';
import { raw, type Html } from './html.ts';
import { latex } from './latex.ts';

const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false, breaks: true, maxNesting: 20 });
// Pictures from anywhere would track readers (and the CSP blocks them); headings would break the page outline.
md.disable(['image', 'heading', 'lheading']);

const isSpace = (ch: string | undefined) => ch === undefined || /\s/.test(ch);

/**
 * $…$ (inline) and $$…$$ (display). As in Pandoc, "$5 and $10" stays text: an opening $ must be
 * followed by a non-space, a closing $ preceded by one and not followed by a digit.
 */
function math(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  if (src[start] !== '$') return false;
  if (src[start + 1] === '$') {
    const end = src.indexOf('$$', start + 2);
    if (end === -1 || !src.slice(start + 2, end).trim()) return false;
    if (!silent) state.push('math_display', 'math', 0).content = src.slice(start + 2, end);
    state.pos = end + 2;
    return true;
  }
  if (isSpace(src[start + 1])) return false;
  for (let end = src.indexOf('$', start + 1); end !== -1; end = src.indexOf('$', end + 1)) {
    if (isSpace(src[end - 1]) || src[end - 1] === '\\' || /\d/.test(src[end + 1] ?? '')) continue;
    if (!silent) state.push('math_inline', 'math', 0).content = src.slice(start + 1, end);
    state.pos = end + 1;
    return true;
  }
  return false;
}

md.inline.ruler.after('escape', 'math', math);
md.renderer.rules.math_inline = (tokens, idx) => latex(`$${tokens[idx]!.content}$`).value;
md.renderer.rules.math_display = (tokens, idx) => latex(`$$${tokens[idx]!.content}$$`).value;

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'nofollow ugc noopener');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// Rendering (linkify above all) costs ~0.2 ms a comment; a long thread is viewed far more often than
// it changes, so results are memoised by source text, least recently used out first.
const cache = new Map<string, string>();
const CACHE_ENTRIES = 5_000;
const CACHE_MAX_CHARS = 20_000;

/** Renders a comment body to safe HTML. */
export function renderMarkdown(source: string): Html {
  const hit = cache.get(source);
  if (hit !== undefined) {
    cache.delete(source);
    cache.set(source, hit);
    return raw(hit);
  }
  const out = md.render(source);
  if (out.length <= CACHE_MAX_CHARS) {
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(source, out);
  }
  return raw(out);
}
