// GET /api/papers/search?q=&limit= (Hugging Face's shape: an array of {paper, …} items, best first)
// and GET /api/papers/ID/similar.
import type { App, AppDeps } from '../../app.ts';
import { papersByIds } from '../../db/search.ts';
import type { ListedPaper, Paper } from '../../domain/paper.ts';
import { badRequest, notFound } from '../../errors.ts';
import { searchEngine } from '../../search/engine.ts';
import { filtersOf, searchParams } from '../../search/request.ts';
import { parseQuery as parseParams } from './daily-papers.ts';
import { errorResponse, jsonBody, pathId, queryParam, ref, addApiPaths } from './openapi.ts';
import { onPaper } from './paper-path.ts';
import { presentDailyPaper, presentPaper } from './presenters.ts';

/** A search result as Hugging Face lists papers: the daily-paper item when listed, else the paper and its summary. */
export function presentSearchItem(p: Paper, baseUrl: string) {
  if (p.daily) return presentDailyPaper(p as ListedPaper, baseUrl);
  const paper = presentPaper(p, baseUrl);
  return { paper, publishedAt: paper.publishedAt, title: p.title, summary: paper.summary, thumbnail: p.thumbnail ?? `${baseUrl}/papers/${p.id}/thumbnail.svg`, numComments: p.numComments, isAuthorParticipating: false, mediaUrls: paper.mediaUrls, organization: paper.organization };
}

const SIMILAR_MAX = 50;

export function searchApiRoutes(app: App, { db, config }: AppDeps): void {
  app.get('/api/papers/search', async (c) => {
    const params = parseParams(searchParams, c.req.query());
    const { hits } = await searchEngine(db).search(params.q, { filters: filtersOf(params), sort: params.sort, limit: params.limit, offset: params.p * params.limit });
    const papers = await papersByIds(db, hits.map((h) => h.paperId));
    return c.json(papers.map((p) => presentSearchItem(p, config.baseUrl)));
  });

  // Through onPaper like every /api/papers/ID/… route, so a malformed id is a 400 here as well.
  onPaper(app, 'get', '/similar', async (c, paperId) => {
    const raw = c.req.query('limit') ?? '10';
    const limit = Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > SIMILAR_MAX) throw badRequest(`limit must be a whole number from 1 to ${SIMILAR_MAX}`);
    const [paper] = await papersByIds(db, [paperId]);
    if (!paper || paper.hidden) throw notFound(`paper ${paperId} is not on paperboy`);
    const hits = await searchEngine(db).similar(paper, limit);
    const papers = await papersByIds(db, hits.map((h) => h.paperId));
    return c.json(papers.map((p) => presentSearchItem(p, config.baseUrl)));
  });
}

const filterParams = [
  queryParam('from', { type: 'string', format: 'date' }, 'Published on or after this day'),
  queryParam('to', { type: 'string', format: 'date' }, 'Published on or before this day'),
  queryParam('category', { type: 'string' }, 'arXiv category, e.g. cs.LG'),
  queryParam('has_code', { type: 'boolean' }, 'Only papers with a code repository'),
  queryParam('min_upvotes', { type: 'integer', minimum: 0 }, 'At least this many upvotes'),
  queryParam('listed', { type: 'string', enum: ['any', 'yes', 'no'] }, 'yes: only papers on a daily list; no: only papers never listed'),
  queryParam('sort', { type: 'string', enum: ['relevance', 'newest', 'upvotes'], default: 'relevance' }, 'Order of the results'),
];

addApiPaths(
  {
    '/api/papers/search': {
      get: {
        summary: 'Search papers by words and by meaning',
        description:
          'Hybrid search: BM25 keyword ranking (title, authors, abstract) fused with paperboy\'s own semantic model. `"quoted phrases"`, `author:name`, `-word` and `prefix*` work in `q`; a `q` that is an arXiv id (with or without version) or an arxiv.org or huggingface.co/papers link returns that paper alone when it is here (filters still apply). Items are daily-paper items for listed papers, else `{paper, title, summary, …}`.',
        parameters: [
          { ...queryParam('q', { type: 'string', minLength: 1, maxLength: 250 }, 'The query'), required: true },
          queryParam('limit', { type: 'integer', minimum: 1, maximum: 100, default: 20 }, 'Items to return'),
          queryParam('p', { type: 'integer', minimum: 0, maximum: 50, default: 0 }, 'Page number, from 0'),
          ...filterParams,
        ],
        responses: { 200: jsonBody({ type: 'array', items: ref('SearchItem') }), 400: errorResponse('q is empty or longer than 250 characters, or a filter is malformed') },
      },
    },
    '/api/papers/{id}/similar': {
      get: {
        summary: 'Papers similar to this one (by words and by meaning), itself excluded',
        parameters: [pathId, queryParam('limit', { type: 'integer', minimum: 1, maximum: SIMILAR_MAX, default: 10 }, 'Items to return')],
        responses: { 200: jsonBody({ type: 'array', items: ref('SearchItem') }), 400: errorResponse('Not an arXiv id, or a bad limit'), 404: errorResponse('Unknown paper') },
      },
    },
  },
  {
    SearchItem: {
      type: 'object',
      required: ['paper', 'title', 'summary'],
      properties: {
        paper: ref('Paper'), publishedAt: { type: 'string', format: 'date-time' }, title: { type: 'string' }, summary: { type: 'string' },
        thumbnail: { type: 'string' }, numComments: { type: 'integer' }, submittedBy: ref('User'), isAuthorParticipating: { type: 'boolean' },
      },
    },
  },
);
