// Search results render LaTeX as the cards and the paper page do, with matches still marked: through
// the page and its results-as-you-type part (SQLite and PostgreSQL), and the snippet cutting itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/app.ts';
import { upsertPapers } from '../src/domain/papers.ts';
import { matcher } from '../src/search/highlight.ts';
import { parseQuery } from '../src/search/query.ts';
import { markedLatex } from '../src/views/marked-latex.ts';
import { topicPapers } from './search-corpus.ts';
import { buildPaper, DATABASES, testApp, testEnv, type TestEnv } from './support.ts';

const RXTX = buildPaper({
  id: '2505.09814',
  title: '$XX^{t}$ Can Be Faster',
  abstract:
    'We present RXTX, a new algorithm for computing the product of matrix by its transpose $XX^{t}$ for $X\\in \\mathbb{R}^{n\\times m}$. RXTX uses $5\\%$ fewer multiplications and $5\\%$ fewer operations (additions and multiplications) than State-of-the-Art algorithms. Note that the accelerations not only holds asymptotically for large matrices with $n \\rightarrow \\infty$, but also for small matrices including $n = 4$. The algorithm was discovered by combining Machine Learning-based search methods with Combinatorial Optimization.',
});
const SOFTMAX = buildPaper({
  id: '2505.09815',
  title: 'Attention without <script>alert(1)</script> softmax',
  abstract: 'We replace $\\mathrm{softmax}(QK^\\top)$ by a \\emph{linear kernel} & keep 99\\% of the accuracy <b>unchanged</b>.',
});

/** The markup outside KaTeX's formulas: where raw TeX must no longer show. */
const outsideMath = (markup: string) => {
  let out = markup;
  for (;;) {
    const i = out.indexOf('<span class="katex');
    if (i < 0) return out;
    let depth = 0;
    let j = i;
    for (const m of out.slice(i).matchAll(/<span\b|<\/span>/g)) {
      depth += m[0] === '</span>' ? -1 : 1;
      if (depth === 0) {
        j = i + m.index! + m[0].length;
        break;
      }
    }
    out = `${out.slice(0, i)}[math]${out.slice(j)}`;
  }
};
const snippetOf = (body: string, id: string) => body.slice(body.indexOf(`href="/papers/${id}"`)).match(/<p class="snippet full">([\s\S]*?)<\/p>/)![1]!;
const balanced = (markup: string, tag: string) => (markup.match(new RegExp(`<${tag}\\b`, 'g')) ?? []).length === (markup.match(new RegExp(`</${tag}>`, 'g')) ?? []).length;

describe.each(DATABASES)('LaTeX in search results on $name', ({ name }) => {
  let t: TestEnv;
  let app: App;

  beforeAll(async () => {
    t = await testEnv(name);
    app = testApp(t);
    await upsertPapers(t.db, [...topicPapers(4), RXTX, SOFTMAX]);
  });
  afterAll(async () => t.close());

  it('the title and snippet show typeset math, matches marked, no raw TeX', async () => {
    for (const url of ['/search?q=RXTX+matrix+transpose', '/search?q=RXTX+matrix+transpose&partial=1']) {
      const body = await (await app.request(url)).text();
      const title = body.match(/<h3><a href="\/papers\/2505.09814">([\s\S]*?)<\/a><\/h3>/)![1]!;
      expect(title).toContain('<annotation encoding="application/x-tex">XX^{t}</annotation>');
      expect(outsideMath(title)).toBe('[math] Can Be Faster');
      const snippet = snippetOf(body, '2505.09814');
      expect(snippet).toContain('<annotation encoding="application/x-tex">X\\in \\mathbb{R}^{n\\times m}</annotation>');
      const text = outsideMath(snippet);
      expect(text).toMatch(/^We present <mark>RXTX<\/mark>, a new algorithm for computing the product of <mark>matrix<\/mark> by its <mark>transpose<\/mark> \[math\] for \[math\]\. <mark>RXTX<\/mark> uses \[math\] fewer/);
      expect(text).not.toMatch(/[$\\]|\^\{/);
      expect(balanced(snippet, 'span') && balanced(snippet, 'mark')).toBe(true);
    }
  });

  it('a formula holding a query word is marked whole; text macros render and the rest stays escaped', async () => {
    const body = await (await app.request('/search?q=softmax+linear')).text();
    expect(body).toContain('<h3><a href="/papers/2505.09815">Attention without &lt;script&gt;alert(1)&lt;/script&gt; <mark>softmax</mark></a></h3>');
    const snippet = snippetOf(body, '2505.09815');
    expect(snippet).toMatch(/^We replace <mark><span class="katex">[\s\S]*<\/span><\/mark> by a <em><mark>linear<\/mark> kernel<\/em> &amp; keep 99% of the accuracy &lt;b&gt;unchanged&lt;\/b&gt;\.$/);
    expect(body).not.toContain('<script>alert(1)');
  });

  it('the same paper found by one query after another is marked for each query alone', async () => {
    // Titles and abstracts are parsed once and remembered; the marks must still follow each query.
    const marked = async (q: string) => {
      const body = await (await app.request(`/search?partial=1&q=${encodeURIComponent(q)}`)).text();
      const title = body.match(/<h3><a href="\/papers\/2505.09814">([\s\S]*?)<\/a><\/h3>/)![1]!;
      return { title, snippet: outsideMath(snippetOf(body, '2505.09814')) };
    };
    for (let round = 0; round < 2; round++) {
      const first = await marked('RXTX transpose');
      expect(first.snippet).toMatch(/^We present <mark>RXTX<\/mark>, a new algorithm for computing the product of matrix by its <mark>transpose<\/mark>/);
      expect(first.title).not.toContain('<mark>');
      const second = await marked('faster multiplications');
      expect(second.title).toMatch(/<\/span> Can Be <mark>Faster<\/mark>$/);
      // The snippet is cut around this query's matches, not the last one's.
      expect(second.snippet).toMatch(/^… \[math\]\. RXTX uses \[math\] fewer <mark>multiplications<\/mark> and \[math\] fewer operations \(additions and <mark>multiplications<\/mark>\)/);
      // A formula is marked whole for a query holding one of its TeX words, and not for the next query.
      const formula = async (q: string) => snippetOf(await (await app.request(`/search?partial=1&q=${q}`)).text(), '2505.09815');
      expect(await formula('softmax+linear')).toMatch(/^We replace <mark><span class="katex">/);
      expect(await formula('linear+kernel')).toMatch(/^We replace <span class="katex">[\s\S]*<\/span> by a <em><mark>linear<\/mark> <mark>kernel<\/mark><\/em>/);
    }
  });
});

describe('snippets cut from text with LaTeX', () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');

  it('keeps a formula whole when the cut falls inside it', () => {
    const text = `${filler(40)} $\\sum_{i=1}^{n} a_i b_i + \\frac{x}{y}$ then the quantized models ${filler(60)}`;
    const out = markedLatex(text, matcher(parseQuery('quantized')), 120).value;
    expect(out.startsWith('… <span class="katex">')).toBe(true);
    expect(out).toContain('\\sum_{i=1}^{n} a_i b_i + \\frac{x}{y}</annotation>');
    expect(out).toContain('<mark>quantized</mark>');
    expect(out.endsWith(' …')).toBe(true);
    expect(balanced(out, 'span')).toBe(true);
  });

  it('reopens and closes an emphasis the cut goes through', () => {
    const text = `${filler(50)} \\emph{${filler(30)} quantized weights ${filler(30)}} ${filler(20)}`;
    const out = markedLatex(text, matcher(parseQuery('quantized')), 100).value;
    expect(out).toMatch(/^… <em>word\d+ [\s\S]*<mark>quantized<\/mark> weights [\s\S]*<\/em> …$/);
    expect(balanced(out, 'em')).toBe(true);
  });

  it('without matches shows the start; short text is left whole', () => {
    expect(markedLatex(`Plain $x^2$ ${filler(80)}`, null, 60).value).toMatch(/^Plain <span class="katex">[\s\S]*word\d+ …$/);
    expect(markedLatex('A & B', null, 60).value).toBe('A &amp; B');
  });
});
