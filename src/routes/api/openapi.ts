// GET /api/openapi.json: OpenAPI 3.1 for the JSON API. Each API module adds its own paths.
import type { App } from '../../app.ts';

type Json = Record<string, unknown>;

const paths: Record<string, Json> = {};
const schemas: Record<string, Json> = {};

export function addApiPaths(more: Record<string, Json>, moreSchemas: Record<string, Json> = {}): void {
  Object.assign(paths, more);
  Object.assign(schemas, moreSchemas);
}

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const jsonBody = (schema: Json, description = 'OK') => ({ description, content: { 'application/json': { schema } } });
export const errorResponse = (description: string) => jsonBody(ref('Error'), description);
export const queryParam = (name: string, schema: Json, description: string) => ({ name, in: 'query', required: false, schema, description });
export const pathId = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'arXiv id without version, e.g. 2508.02324' };

const profile = { _id: { type: 'string' }, avatarUrl: { type: 'string' }, fullname: { type: 'string' }, name: { type: 'string', description: 'Username' }, type: { type: 'string' }, isPro: { type: 'boolean' } };
const flag = (description: string) => ({ type: 'boolean', description });

/** An item's `submittedBy`, with Hugging Face's staff flags. */
const user = {
  type: 'object',
  required: ['_id', 'avatarUrl', 'fullname', 'name', 'type', 'isPro', 'isHf', 'isHfAdmin', 'isMod', 'isUserFollowing'],
  properties: {
    ...profile,
    isHf: flag('Hugging Face staff (as imported; false for members of this site)'),
    isHfAdmin: flag('Hugging Face administrator (as imported; false for members of this site)'),
    isMod: flag('Hugging Face moderator (as imported; false for members of this site)'),
    followerCount: { type: 'integer', minimum: 1, description: 'Followers on Hugging Face, when imported; absent when none or unknown, as Hugging Face leaves it out' },
    isUserFollowing: flag('Whether the caller follows this user; always false here'),
  },
};

/** A paper's `submittedOnDailyBy`, and the account that claimed an authorship: the profile with `user` beside `name`. */
const userSummary = { type: 'object', required: ['_id', 'avatarUrl', 'fullname', 'name', 'user', 'type', 'isPro'], properties: { ...profile, user: { type: 'string', description: 'Username, as `name`' } } };

const media = { type: 'array', items: { type: 'string', format: 'uri' }, minItems: 1, description: 'Images and videos attached to the paper; absent when none' };

addApiPaths(
  {
    '/api/daily_papers': {
      get: {
        summary: 'Papers on the daily lists',
        description: 'A day, ISO week or month ordered by upvotes; with none of them, the newest days first. A `Link: <…>; rel="next"` header is sent when another page exists.',
        parameters: [
          queryParam('date', { type: 'string', format: 'date' }, 'One day, YYYY-MM-DD'),
          queryParam('week', { type: 'string', pattern: '^\\d{4}-W\\d{2}$' }, 'One ISO week, YYYY-Www'),
          queryParam('month', { type: 'string', pattern: '^\\d{4}-\\d{2}$' }, 'One month, YYYY-MM'),
          queryParam('p', { type: 'integer', minimum: 0, default: 0 }, 'Page number, from 0'),
          queryParam('limit', { type: 'integer', minimum: 1, maximum: 100, default: 50 }, 'Items per page'),
          queryParam('submitter', { type: 'string' }, 'Only papers submitted by this username; `(unknown)`: those whose source did not name a submitter'),
          queryParam('sort', { type: 'string', enum: ['publishedAt', 'trending'], default: 'publishedAt' }, 'trending: upvotes decayed by age'),
        ],
        responses: { 200: jsonBody({ type: 'array', items: ref('DailyPaper') }), 400: errorResponse('A parameter is malformed') },
      },
    },
    '/api/papers/{id}': {
      get: {
        summary: 'One paper',
        parameters: [pathId],
        responses: { 200: jsonBody(ref('Paper')), 400: errorResponse('Not an arXiv id'), 404: errorResponse('Unknown paper') },
      },
    },
    '/healthz': { get: { summary: 'Liveness', responses: { 200: jsonBody({ type: 'object', properties: { status: { const: 'ok' } } }) } } },
    '/metrics': { get: { summary: 'Prometheus metrics of this process', responses: { 200: { description: 'Prometheus text format', content: { 'text/plain': {} } } } } },
  },
  {
    Error: { type: 'object', required: ['error', 'message'], properties: { error: { type: 'string' }, message: { type: 'string' } } },
    Author: {
      type: 'object',
      required: ['_id', 'name', 'hidden'],
      properties: {
        _id: { type: 'string' }, name: { type: 'string' }, hidden: { type: 'boolean' },
        user: { ...ref('UserSummary'), description: 'The Hugging Face account that claimed this authorship, as imported; absent when none did' },
        status: { type: 'string', examples: ['claimed_verified', 'admin_assigned'], description: 'How the claim was made; only with `user`' },
        statusLastChangedAt: { type: 'string', format: 'date-time', description: 'Only with `user`' },
      },
    },
    User: user,
    UserSummary: userSummary,
    Organization: {
      type: 'object',
      required: ['_id', 'name'],
      properties: { _id: { type: 'string' }, name: { type: 'string' }, fullname: { type: 'string' }, avatar: { type: 'string' } },
    },
    Paper: {
      type: 'object',
      required: ['id', 'authors', 'title', 'summary', 'upvotes', 'discussionId'],
      properties: {
        id: { type: 'string' }, authors: { type: 'array', items: ref('Author') }, publishedAt: { type: 'string', format: 'date-time' },
        submittedOnDailyAt: { type: 'string', format: 'date-time' }, submittedOnDailyBy: ref('UserSummary'), title: { type: 'string' },
        summary: { type: 'string' }, upvotes: { type: 'integer' }, discussionId: { type: 'string' }, projectPage: { type: 'string' },
        githubRepo: { type: 'string' },
        githubRepoAddedBy: { type: 'string', examples: ['user', 'admin'], description: 'Who linked the repository on Hugging Face; only with `githubRepo`, when imported' },
        githubStars: { type: 'integer', minimum: 0, description: "The repository's stars when imported; only with `githubRepo`" },
        ai_summary: { type: 'string' }, ai_keywords: { type: 'array', items: { type: 'string' } },
        ai_summary_model: { type: 'string', description: 'The model that wrote `ai_summary`, when known' },
        organization: { ...ref('Organization'), description: 'The Hugging Face organization the paper belongs to; absent when none' },
        mediaUrls: media,
      },
    },
    DailyPaper: {
      type: 'object',
      required: ['paper', 'publishedAt', 'title', 'summary', 'thumbnail', 'numComments', 'submittedBy', 'isAuthorParticipating'],
      properties: {
        paper: ref('Paper'), publishedAt: { type: 'string', format: 'date-time' }, title: { type: 'string' }, summary: { type: 'string' },
        thumbnail: { type: 'string' }, numComments: { type: 'integer' }, submittedBy: ref('User'), isAuthorParticipating: { type: 'boolean' },
        mediaUrls: { ...media, description: "The paper's `mediaUrls`, repeated" },
        organization: { ...ref('Organization'), description: "The paper's `organization`, repeated" },
      },
    },
  },
);

export function openApiRoutes(app: App): void {
  app.get('/api/openapi.json', (c) =>
    c.json({
      openapi: '3.1.0',
      info: { title: 'paperboy API', version: '1', description: 'Compatible with the Hugging Face Daily Papers API, plus paperboy extensions.' },
      components: {
        schemas,
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token from /settings or `paperboy token add NAME`' } },
      },
      paths,
    }),
  );
}
