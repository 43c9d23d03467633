// Link previews of a paper page: Open Graph and Twitter card tags with the title, the start of the
// abstract, the absolute address and the paper's thumbnail, everything escaped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { addPapers, buildPaper, DATABASES, testApp, testEnv, type TestEnv } from './support.ts';

/** The content of each <meta property|name=…> in a page, as written (still escaped). */
function metaTags(page: string): Record<string, string> {
  return Object.fromEntries([...page.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)">/g)].map((m) => [m[1], m[2]]));
}

describe.each(DATABASES)('Open Graph tags on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;
  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    await addPapers(t.db, [
      buildPaper({ id: '2508.30001', title: 'Quotes "and" <tags> & $\\alpha$-things', abstract: `We show "x" < y & z. ${'More words follow here. '.repeat(20)}` }),
      buildPaper({ id: '2508.30002', title: 'With a picture', thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2508.30002.png' }),
    ]);
  });
  afterAll(async () => t.close());

  it('describes the paper with escaped title and abstract, its absolute URL and the SVG title card', async () => {
    const page = await (await app.request('/papers/2508.30001')).text();
    const meta = metaTags(page);
    expect(meta['og:type']).toBe('article');
    expect(meta['og:title']).toBe('Quotes &quot;and&quot; &lt;tags&gt; &amp; \\alpha-things');
    expect(meta['og:description']).toMatch(/^We show &quot;x&quot; &lt; y &amp; z\. More words/);
    expect(meta['og:description']!.length).toBeLessThan(260);
    expect(meta['og:description']).toMatch(/here…$|words…$|follow…$|More…$/);
    expect(meta['og:url']).toBe(`${t.config.baseUrl}/papers/2508.30001`);
    expect(meta['og:image']).toBe(`${t.config.baseUrl}/papers/2508.30001/thumbnail.svg`);
    expect(meta['twitter:card']).toBe('summary');
    expect(page).not.toContain('<tags>');
  });

  it('uses the thumbnail the paper has (a PNG from Hugging Face)', async () => {
    const meta = metaTags(await (await app.request('/papers/2508.30002')).text());
    expect(meta['og:image']).toBe('https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2508.30002.png');
    expect(meta['og:title']).toBe('With a picture');
  });
});
