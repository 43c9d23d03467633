// The search page: the form with its filters, then the results with matches highlighted. The
// results list is also rendered alone for the page's results-as-you-type script.
import type { Paper } from '../domain/paper.ts';
import type { Matcher } from '../search/highlight.ts';
import type { SearchParams } from '../search/request.ts';
import { authorLine, plural, shortDate } from './format.ts';
import { html, type Html } from './html.ts';
import { layout, type PageOptions } from './layout.ts';
import { markedLatex, markText } from './marked-latex.ts';
import { renderVotes } from './paper-card.ts';

export interface SearchView {
  params: Partial<SearchParams>;
  papers: Paper[];
  match: Matcher | null;
  error?: string;
  /** The arXiv id the query names when that paper is not on the site. */
  absent?: string;
  prev: string | null;
  next: string | null;
  feed: string | null;
  page: Omit<PageOptions, 'body' | 'title'>;
}

/** Characters of abstract around the matches (a formula counted by its TeX). */
const SNIPPET_LENGTH = 280;
const SORTS: [string, string][] = [['relevance', 'Relevance'], ['newest', 'Newest'], ['upvotes', 'Most upvoted']];
const LISTED: [string, string][] = [['any', 'Any paper'], ['yes', 'On a daily list'], ['no', 'Not on a daily list']];
const CATEGORIES = ['cs.AI', 'cs.CL', 'cs.CV', 'cs.LG', 'cs.IR', 'cs.RO', 'cs.HC', 'cs.SD', 'eess.AS', 'eess.IV', 'stat.ML'];

function result(p: Paper, match: Matcher | null): Html {
  const authors = authorLine(p.authors.map((a) => a.name));
  return html`<li class="card">
  ${renderVotes(p)}
  <article>
    <h3><a href="/papers/${p.id}">${markedLatex(p.title, match)}</a></h3>
    <p class="authors">${markText(authors, match)}</p>
    ${p.abstract ? html`<p class="snippet full">${markedLatex(p.abstract, match, SNIPPET_LENGTH)}</p>` : ''}
    <p class="meta">
      <span>arXiv:${p.id}</span>
      ${p.publishedAt ? html`<span>${shortDate(p.publishedAt)}</span>` : ''}
      ${p.primaryCategory ? html`<span>${p.primaryCategory}</span>` : ''}
      ${p.daily ? html`<a href="/papers/date/${p.daily.day}">listed ${shortDate(p.daily.day)}</a>` : ''}
      ${p.githubUrl ? html`<a href="${p.githubUrl}" rel="noopener nofollow">Code</a>` : ''}
      <a href="/papers/${p.id}#similar">Similar papers</a>
    </p>
  </article>
</li>`;
}

/** The filters by parameter name, as their fields are labelled: an error about one is said in those words. */
const FILTER_LABELS: Record<string, string> = {
  from: 'Published from', to: 'Published to', category: 'Category', min_upvotes: 'At least … upvotes', listed: 'Papers', sort: 'Order',
};

/** The filter a refusal is about (the server's messages start with the parameter's name), and the message in the form's words. */
function filterError(v: SearchView): { field: string; text: string } | null {
  const field = v.error?.match(/^([a-z_]+) /)?.[1];
  if (!v.error || !field || !FILTER_LABELS[field]) return null;
  return { field, text: `${FILTER_LABELS[field]}${v.error.slice(field.length)}` };
}

/** The results part alone (what the script swaps in as you type). */
export function searchResults(v: SearchView): Html {
  const q = v.params.q ?? '';
  if (v.error) {
    const bad = filterError(v);
    return html`<div id="results" aria-live="polite" data-search-error><p class="notice error">${bad ? `No search: ${bad.text}.` : v.error}</p></div>`;
  }
  if (!q) return html`<div id="results" aria-live="polite"><p class="empty">Search all papers by words, phrases ("in quotes"), author:name, or by meaning.</p></div>`;
  if (v.absent) {
    return html`<div id="results" aria-live="polite" data-count="0"><p class="empty">arXiv:${v.absent} is not on paperboy yet. <a href="/submit">Submit it</a> to put it on today's list, or read it <a href="https://arxiv.org/abs/${v.absent}" rel="noopener">on arXiv</a>.</p></div>`;
  }
  return html`<div id="results" aria-live="polite" data-count="${v.papers.length}">
  ${v.papers.length
    ? html`<p class="sub">${v.prev || v.next ? 'Results' : plural(v.papers.length, 'result')} for “${q}”${v.feed ? html` · <a href="${v.feed}">RSS feed of this search</a>` : ''}</p>
      <h2 class="visually-hidden">Results</h2>
      <ol class="papers results">${v.papers.map((p) => result(p, v.match))}</ol>`
    : html`<p class="empty">No papers match “${q}”${v.params.from || v.params.to || v.params.category || v.params.has_code || v.params.min_upvotes || (v.params.listed && v.params.listed !== 'any') ? ' with these filters' : ''}.</p>`}
  ${v.prev || v.next
    ? html`<nav class="pages" aria-label="Pages">${v.prev ? html`<a class="button" href="${v.prev}">← Previous page</a>` : html`<span></span>`}${v.next ? html`<a class="button" href="${v.next}">Next page →</a>` : ''}</nav>`
    : ''}
</div>`;
}

function select(name: string, label: string, options: [string, string][], value: string | undefined): Html {
  return html`<label>${label} <select name="${name}">${options.map(([v, text]) => html`<option value="${v}"${(value ?? options[0]![0]) === v ? html` selected` : ''}>${text}</option>`)}</select></label>`;
}

export function searchPage(v: SearchView): Html {
  const p = v.params;
  const bad = filterError(v);
  // The field in error is marked, points at its message, and keeps what was typed (a date field would blank an
  // impossible date like 2024-02-30, so an erroneous date is shown as text).
  const invalid = (name: string) => (bad?.field === name ? html` aria-invalid="true" aria-describedby="filter-error"` : '');
  const dateInput = (name: 'from' | 'to') => bad?.field === name
    ? html`<input type="text" name="${name}" value="${p[name] ?? ''}" inputmode="numeric" placeholder="YYYY-MM-DD" size="10"${invalid(name)}>`
    : html`<input type="date" name="${name}" value="${p[name] ?? ''}">`;
  const message = (name: string) => (bad?.field === name ? html`<p id="filter-error" class="field-error" role="alert">${bad.text}</p>` : '');
  const body = html`<div class="list-head"><div><h1>Search</h1><p class="sub">Every paper on paperboy, by words and by meaning.</p></div></div>
<form class="search" method="get" action="/search" role="search" data-live-search>
  <div class="search-box">
    <label class="visually-hidden" for="search-q">Search papers</label>
    <input id="search-q" type="search" name="q" value="${p.q ?? ''}" maxlength="250" placeholder="e.g. weight quantization for LLMs" autocomplete="off"${p.q ? '' : html` autofocus`}>
    <button type="submit" class="primary">Search</button>
  </div>
  <details class="filters"${bad || p.from || p.to || p.category || p.has_code || p.min_upvotes || (p.listed && p.listed !== 'any') || (p.sort && p.sort !== 'relevance') ? html` open` : ''}>
    <summary>Filters and order</summary>
    <div class="filter-grid">
      <label>Published from ${dateInput('from')}</label>${message('from')}
      <label>to ${dateInput('to')}</label>${message('to')}
      <label>Category <input name="category" value="${p.category ?? ''}" list="categories" placeholder="cs.LG" size="8" maxlength="40"${invalid('category')}></label>${message('category')}
      <datalist id="categories">${CATEGORIES.map((c) => html`<option value="${c}">`)}</datalist>
      <label>At least <input type="${bad?.field === 'min_upvotes' ? 'text' : 'number'}" name="min_upvotes" min="0" value="${p.min_upvotes ?? ''}" size="4"${invalid('min_upvotes')}> upvotes</label>${message('min_upvotes')}
      ${select('listed', 'Papers', LISTED, p.listed)}
      <label class="check"><input type="checkbox" name="has_code" value="1"${p.has_code ? html` checked` : ''}> With code</label>
      ${select('sort', 'Order', SORTS, p.sort)}
    </div>
  </details>
</form>
${searchResults(v)}
<script src="/static/search.js" defer></script>`;
  return layout({ ...v.page, title: p.q ? `${p.q} – Search` : 'Search', section: 'search', body });
}
