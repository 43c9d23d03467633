// The submit, upvote and comment endpoints are in /api/openapi.json, and what is documented answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testEnv, type TestEnv } from '../../../test/support.ts';
import type { App } from '../../app.ts';

describe('OpenAPI for the community endpoints', () => {
  let t: TestEnv;
  let app: App;
  beforeAll(async () => {
    t = await testEnv('sqlite');
    app = testApp(t);
  });
  afterAll(() => t.close());

  const documented = {
    '/api/papers/submit': ['post'],
    '/api/papers/{id}/upvote': ['post', 'delete'],
    '/api/papers/{id}/comments': ['get', 'post'],
    '/api/papers/{id}/comments/{cid}': ['patch', 'delete'],
  };

  it('documents each method, with every $ref resolving to a schema', async () => {
    const spec = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    for (const [path, methods] of Object.entries(documented)) expect(Object.keys(spec.paths[path] ?? {}).sort()).toEqual([...methods].sort());
    const refs = [...JSON.stringify(spec).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs).toContain('Comment');
    for (const name of refs) expect(spec.components.schemas[name], name).toBeDefined();
  });

  it('answers every documented path (401 or 404 here, never "nothing at")', async () => {
    for (const [path, methods] of Object.entries(documented)) {
      for (const method of methods) {
        const res = await app.request(path.replace('{id}', '2508.00001').replace('{cid}', '1'), { method: method.toUpperCase() });
        const body = (await res.json()) as { error: string; message: string };
        expect(body.message, `${method} ${path}`).not.toMatch(/^nothing at/);
        expect([401, 404], `${method} ${path}`).toContain(res.status);
      }
    }
  });
});
