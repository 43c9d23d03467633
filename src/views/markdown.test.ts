import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

const render = (s: string) => renderMarkdown(s).value;

describe('comment Markdown', () => {
  it('shows raw HTML as text', () => {
    const out = render('Hi <script>alert(1)</script> <img src=x onerror="alert(2)">');
    expect(out).toBe('<p>Hi &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&quot;alert(2)&quot;&gt;</p>\n');
  });

  it('marks links nofollow ugc, links bare URLs and refuses javascript: links', () => {
    expect(render('[paper](https://arxiv.org/abs/2508.01234) and https://example.org/x')).toBe(
      '<p><a href="https://arxiv.org/abs/2508.01234" rel="nofollow ugc noopener">paper</a> and ' +
        '<a href="https://example.org/x" rel="nofollow ugc noopener">https://example.org/x</a></p>\n',
    );
    expect(render('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>\n');
  });

  it('keeps emphasis, code and lists; images and headings stay text', () => {
    expect(render('*a* **b** `c`')).toBe('<p><em>a</em> <strong>b</strong> <code>c</code></p>\n');
    expect(render('- one\n- two')).toBe('<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n');
    expect(render('# Title')).toBe('<p># Title</p>\n');
    expect(render('![x](https://example.org/a.png)')).not.toContain('<img');
  });

  it('renders $…$ and $$…$$ with KaTeX, but not prices, escaped dollars or code', () => {
    expect(render('where $x_i^2$ holds')).toMatch(/^<p>where <span class="katex">.*<annotation encoding="application\/x-tex">x_i\^2<\/annotation>/s);
    expect(render('$$\\sum_i x_i$$')).toContain('<span class="katex-display">');
    expect(render('costs $5 and $10 today')).toBe('<p>costs $5 and $10 today</p>\n');
    expect(render('\\$x$ and `$y$`')).toBe('<p>$x$ and <code>$y$</code></p>\n');
  });

  it('keeps underscores inside math away from emphasis', () => {
    const out = render('$a_1 + b_2$ and _c_');
    expect(out).toContain('<annotation encoding="application/x-tex">a_1 + b_2</annotation>');
    expect(out).toContain('<em>c</em>');
  });
});
