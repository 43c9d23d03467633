// /search (the page; `?partial=1` returns only the results, for results-as-you-type),
// /search/feed.xml (RSS of any search: a saved search in a feed reader), and the similar-papers
// section of the paper page.
import type { Context } from 'hono';
import type { App, AppDeps, AppEnv } from '../../app.ts';
import { passingFilters, papersByIds } from '../../db/search.ts';
import type { ListedPaper, Paper } from '../../domain/paper.ts';
import { searchEngine } from '../../search/engine.ts';
import { matcher } from '../../search/highlight.ts';
import { paperRefOf } from '../../search/paper-ref.ts';
import { parseQuery } from '../../search/query.ts';
import { filtersOf, searchParams, searchQueryString, type SearchParams } from '../../search/request.ts';
import { html } from '../../views/html.ts';
import { rss } from '../../views/rss.ts';
import { searchPage, searchResults, type SearchView } from '../../views/search-page.ts';
import { similarSection } from '../../views/similar.ts';
import { parseQuery as parseParams } from '../api/daily-papers.ts';
import { addPaperSection } from './paper.ts';

const PAGE_SIZE = 20;
const FEED_ITEMS = 50;
const RSS_TYPE = 'application/rss+xml; charset=utf-8';

addPaperSection(async (paper, _c, { db }) => {
  const hits = await searchEngine(db).similar(paper, 6);
  return similarSection(await papersByIds(db, hits.map((h) => h.paperId)));
});

/** Search results for RSS, which dates items: a search is about papers, so by their publication. */
function asListed(p: Paper): ListedPaper {
  const at = p.publishedAt ?? p.daily?.submittedAt ?? p.updatedAt ?? '1991-08-14T00:00:00.000Z';
  const daily = p.daily ?? { day: at.slice(0, 10), submittedAt: at, submitterUsername: null, importedSubmitter: null, hot: 0 };
  return { ...p, daily: { ...daily, submittedAt: at } };
}

export function searchRoutes(app: App, { db, config }: AppDeps): void {
  app.get('/search', async (c: Context<AppEnv>) => {
    const raw = c.req.query();
    const partial = raw.partial === '1';
    const page = { viewer: c.get('viewer'), csrf: c.get('csrf') };
    const view: SearchView = { params: {}, papers: [], match: null, prev: null, next: null, feed: null, page };
    const render = (status: 200 | 400) => c.html((partial ? searchResults(view) : searchPage(view)).value, status);
    if (!raw.q?.trim()) {
      view.params = { ...raw, q: '' } as Partial<SearchParams>;
      return render(200);
    }
    const parsed = searchParams.safeParse(raw);
    if (!parsed.success) {
      view.params = raw as Partial<SearchParams>;
      view.error = parsed.error.issues[0]!.message;
      return render(400);
    }
    const params = parsed.data;
    view.params = params;
    const { hits, more } = await searchEngine(db).search(params.q, { filters: filtersOf(params), sort: params.sort, limit: PAGE_SIZE, offset: params.p * PAGE_SIZE });
    view.papers = await papersByIds(db, hits.map((h) => h.paperId));
    // An id or link to a paper that is not here (or hidden): say so and offer to submit it, rather than "no match".
    const named = view.papers.length ? null : paperRefOf(params.q);
    if (named && !(await passingFilters(db, [named], {})).has(named)) view.absent = named;
    view.match = matcher(parseQuery(params.q));
    view.prev = params.p > 0 ? `/search?${searchQueryString(params, { p: params.p - 1 })}` : null;
    view.next = more && params.p < 50 ? `/search?${searchQueryString(params, { p: params.p + 1 })}` : null;
    view.feed = `/search/feed.xml?${searchQueryString({ ...params, p: 0 })}`;
    view.page = { ...page, feeds: [{ title: `paperboy: search for ${params.q}`, href: view.feed }], canonical: `${config.baseUrl}/search?${searchQueryString(params)}` };
    return render(200);
  });

  // A trailing slash (typed, or from a form or link built that way) finds the page at its one address, query kept.
  app.get('/search/', (c) => c.redirect(`/search${new URL(c.req.url).search}`, 301));

  app.get('/search/feed.xml', async (c) => {
    const params = parseParams(searchParams, c.req.query());
    // A feed reader wants what is new, so a saved search lists newest first unless asked otherwise.
    const sort = c.req.query('sort') ? params.sort : 'newest';
    const { hits } = await searchEngine(db).search(params.q, { filters: filtersOf(params), sort, limit: FEED_ITEMS });
    const papers = (await papersByIds(db, hits.map((h) => h.paperId))).map(asListed);
    const qs = searchQueryString({ ...params, p: 0 });
    const body = rss({
      title: `paperboy: ${params.q}`,
      description: `Papers matching the search “${params.q}” on paperboy, ${sort === 'newest' ? 'newest first' : sort === 'upvotes' ? 'most upvoted first' : 'best match first'}.`,
      link: `${config.baseUrl}/search?${qs}`,
      self: `${config.baseUrl}/search/feed.xml?${qs}`,
      baseUrl: config.baseUrl,
      papers,
    });
    return c.body(body, 200, { 'Content-Type': RSS_TYPE });
  });
}

