// OpenAPI description of the comment endpoints (routes/api/comments.ts).
import { addApiPaths, errorResponse, jsonBody, pathId, ref } from './openapi.ts';

const commentPath = { name: 'cid', in: 'path', required: true, schema: { type: 'integer' }, description: 'The comment id' };
const body = (required: string[], properties: Record<string, unknown>) => ({
  required: true,
  content: { 'application/json': { schema: { type: 'object', required, properties } } },
});
const bodyField = { type: 'string', maxLength: 10_000, description: 'Markdown; $…$ and $$…$$ for LaTeX; raw HTML is shown as text' };
const writeErrors = {
  401: errorResponse('No valid token or session'),
  403: errorResponse('Not your comment, or a cross-site request without the CSRF token'),
  404: errorResponse('No such paper or comment'),
  429: errorResponse('Too many comments; see Retry-After'),
};

export function commentApiDocs(): void {
  addApiPaths(
    {
      '/api/papers/{id}/comments': {
        get: {
          summary: 'The comment thread of a paper',
          description: 'Top-level comments oldest first, each with its `replies`. A deleted (or moderator-removed) comment with replies stays as a placeholder with `status` "deleted" (or "removed") and no author or text.',
          parameters: [pathId],
          responses: { 200: jsonBody({ type: 'array', items: ref('Comment') }), 400: errorResponse('Not an arXiv id'), 404: errorResponse('The paper is not on paperboy') },
        },
        post: {
          summary: 'Comment on a paper, or reply to a comment',
          security: [{ bearer: [] }],
          parameters: [pathId],
          requestBody: body(['body'], { body: bodyField, parent_id: { type: ['integer', 'null'], description: 'The comment this one replies to' } }),
          responses: { 201: jsonBody(ref('Comment'), 'Created; Location points at the comment on the paper page'), 400: errorResponse('Empty or too long body, or an unknown parent_id'), ...writeErrors },
        },
      },
      '/api/papers/{id}/comments/{cid}': {
        patch: {
          summary: 'Edit your comment',
          security: [{ bearer: [] }],
          parameters: [pathId, commentPath],
          requestBody: body(['body'], { body: bodyField }),
          responses: { 200: jsonBody(ref('Comment')), 400: errorResponse('Empty or too long body'), ...writeErrors },
        },
        delete: {
          summary: 'Delete your comment',
          description: 'Its text is gone; if it has replies, it stays in the thread as "[deleted]".',
          security: [{ bearer: [] }],
          parameters: [pathId, commentPath],
          responses: { 204: { description: 'Deleted' }, ...writeErrors },
        },
      },
    },
    {
      Comment: {
        type: 'object',
        required: ['id', 'parentId', 'paperId', 'status', 'author', 'body', 'html', 'createdAt', 'editedAt', 'replies'],
        properties: {
          id: { type: 'integer' },
          parentId: { type: ['integer', 'null'] },
          paperId: { type: 'string' },
          status: { enum: ['visible', 'deleted', 'removed'] },
          author: { type: ['object', 'null'], properties: { name: { type: 'string' }, fullname: { type: 'string' }, type: { const: 'user' } } },
          body: { type: ['string', 'null'], description: 'The Markdown source' },
          html: { type: ['string', 'null'], description: 'The body rendered as safe HTML' },
          createdAt: { type: 'string', format: 'date-time' },
          editedAt: { type: ['string', 'null'], format: 'date-time' },
          replies: { type: 'array', items: ref('Comment') },
        },
      },
    },
  );
}
