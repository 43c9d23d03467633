// POST /api/subscriptions {email, cadence, query?}: asks for e-mail digests; 202 and a confirmation
// mail. The answer is the same whether or not the address was subscribed before.
import type { App, AppDeps } from '../../app.ts';
import { MAX_QUERY_LENGTH, requestSubscription, subscriptionRequest } from '../../mail/subscribe.ts';
import { rateLimit, requestIp } from '../middleware/rate-limit.ts';
import { SUBSCRIBE_RATE } from '../pages/subscribe.ts';
import { jsonInput } from './json-input.ts';
import { addApiPaths, errorResponse, jsonBody } from './openapi.ts';

const ACCEPTED = 'If this address can receive mail, a confirmation link is on its way; nothing else is sent before it is followed.';

addApiPaths({
  '/api/subscriptions': {
    post: {
      summary: 'Subscribe an e-mail address to digests or a saved-search alert',
      description:
        'Double opt-in: a confirmation mail with a signed link (valid 7 days) is sent, and nothing else reaches the address until it is followed. ' +
        'Without `query`: the daily or weekly digest of the best new papers. With `query`: only new papers matching it. ' +
        'The answer does not reveal whether the address was already subscribed; asking again for a confirmed subscription changes nothing.',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['email', 'cadence'],
              properties: {
                email: { type: 'string', format: 'email' },
                cadence: { type: 'string', enum: ['daily', 'weekly'] },
                query: { type: 'string', maxLength: MAX_QUERY_LENGTH, description: 'A saved search, e.g. "quantization"' },
              },
            },
          },
        },
      },
      responses: {
        202: jsonBody({ type: 'object', properties: { status: { const: 'pending' }, message: { type: 'string' } } }, 'Accepted; a confirmation mail will be sent'),
        400: errorResponse(`Not an e-mail address, unknown cadence, or a query over ${MAX_QUERY_LENGTH} characters`),
        429: errorResponse('Too many requests from this client; see Retry-After'),
      },
    },
  },
});

export function subscriptionApiRoutes(app: App, deps: AppDeps): void {
  app.post('/api/subscriptions', async (c) => {
    const input = await jsonInput(c, subscriptionRequest, '{"email": "you@example.org", "cadence": "daily"}');
    await rateLimit(c, `subscribe:${requestIp(c)}`, SUBSCRIBE_RATE.limit, SUBSCRIBE_RATE.windowSeconds, SUBSCRIBE_RATE.message);
    await requestSubscription(deps, input, c.get('viewer')?.id ?? null);
    return c.json({ status: 'pending', message: ACCEPTED }, 202);
  });
}
