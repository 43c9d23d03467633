// GET /api/whoami-v2: who the token (or session) belongs to — the endpoint huggingface_hub's
// whoami() calls, so clients can check a token before using it.
import type { App } from '../../app.ts';
import { requireViewer } from '../auth.ts';
import { addApiPaths, errorResponse, jsonBody } from './openapi.ts';

addApiPaths({
  '/api/whoami-v2': {
    get: {
      summary: 'The account an API token acts for',
      description: 'Send `Authorization: Bearer TOKEN`. 401 without one or with a mistyped or revoked token; 403 with the token of a suspended user.',
      security: [{ bearer: [] }],
      responses: {
        200: jsonBody({
          type: 'object',
          required: ['type', 'id', 'name', 'isAdmin'],
          properties: { type: { const: 'user' }, id: { type: 'string' }, name: { type: 'string' }, fullname: { type: 'string' }, isAdmin: { type: 'boolean' } },
        }),
        401: errorResponse('No valid token or session'),
        403: errorResponse('The token belongs to a suspended user'),
      },
    },
  },
});

export function whoamiRoutes(app: App): void {
  app.get('/api/whoami-v2', (c) => {
    const viewer = requireViewer(c);
    return c.json({ type: 'user', id: String(viewer.id), name: viewer.username, fullname: viewer.username, isAdmin: viewer.isAdmin });
  });
}
