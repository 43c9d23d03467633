// The Atom parser on recorded arXiv API responses: every field as stored, the error entry, the empty feed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR } from '../../test/arxiv-fixture.ts';
import { ArxivQueryError, parseAtomFeed } from './atom.ts';
import { ArxivFormatError } from './xml.ts';

const recording = (name: string) => readFileSync(join(FIXTURE_DIR, 'api', name), 'utf8');

describe('parseAtomFeed', () => {
  it('reads a two-version paper with LaTeX in title and abstract, whitespace collapsed', () => {
    const feed = parseAtomFeed(recording('2505.09814.xml'));
    expect(feed.totalResults).toBe(1);
    expect(feed.entries).toEqual([
      {
        id: '2505.09814',
        version: 2,
        title: '$XX^{t}$ Can Be Faster',
        abstract:
          'We present RXTX, a new algorithm for computing the product of matrix by its transpose $XX^{t}$ for $X\\in \\mathbb{R}^{n\\times m}$. ' +
          'RXTX uses $5\\%$ fewer multiplications and $5\\%$ fewer operations (additions and multiplications) than State-of-the-Art algorithms. ' +
          'Note that the accelerations not only holds asymptotically for large matrices with $n \\rightarrow \\infty$, but also for small matrices including $n = 4$. ' +
          'The algorithm was discovered by combining Machine Learning-based search methods with Combinatorial Optimization.',
        authors: [{ name: 'Dmitry Rybin' }, { name: 'Yushun Zhang' }, { name: 'Zhi-Quan Luo' }],
        categories: ['cs.DS', 'cs.AI', 'cs.LG', 'cs.SC'],
        publishedAt: '2025-05-14T10:53:06.000Z',
        updatedAt: '2025-05-16T07:22:23.000Z',
        comment: 'improved presentation',
        githubUrl: null,
        links: { abs: 'http://arxiv.org/abs/2505.09814v2', pdf: 'http://arxiv.org/pdf/2505.09814v2', doi: null },
        doi: null,
        journalRef: null,
      },
    ]);
  });

  it('reads the first version of the same paper as version 1, published = updated', () => {
    const [v1] = parseAtomFeed(recording('2505.09814v1.xml')).entries;
    expect(v1).toMatchObject({ id: '2505.09814', version: 1, publishedAt: '2025-05-14T10:53:06.000Z', updatedAt: '2025-05-14T10:53:06.000Z', comment: null });
  });

  it('reads an old-style id in the newer feed layout, with journal reference, DOI and affiliation', () => {
    const [paper] = parseAtomFeed(recording('hep-th_9711200.xml')).entries;
    expect(paper).toMatchObject({
      id: 'hep-th/9711200',
      version: 3,
      title: 'The Large N Limit of Superconformal Field Theories and Supergravity',
      authors: [{ name: 'Juan M. Maldacena' }],
      categories: ['hep-th'],
      publishedAt: '1997-11-27T22:22:21.000Z',
      updatedAt: '1998-01-22T21:51:08.000Z',
      comment: '20 pages, harvmac, v2: section on AdS_2 corrected, references added, v3: more references',
      doi: '10.1023/A:1026654312961',
      journalRef: 'Adv.Theor.Math.Phys.2:231-252,1998',
      links: { abs: 'https://arxiv.org/abs/hep-th/9711200v3', pdf: 'https://arxiv.org/pdf/hep-th/9711200v3', doi: 'https://doi.org/10.1023/A:1026654312961' },
    });
    expect(paper!.abstract).toMatch(/^We show that the large \$N\$ limit .* dual to the field theory on the brane\.$/);
    expect(paper!.abstract).toContain("The 't Hooft limit of 4-d ${\\cal N} = 4$ super-Yang-Mills");
  });

  it('takes the code repository from the comment, primary category first', () => {
    const [paper] = parseAtomFeed(recording('2506.19852.xml')).entries;
    expect(paper!.title).toBe('Radial Attention: $O(n\\log n)$ Sparse Attention with Energy Decay for Long Video Generation');
    expect(paper!.comment).toBe('Accepted to NeurIPS 2025, Code: https://github.com/mit-han-lab/radial-attention');
    expect(paper!.githubUrl).toBe('https://github.com/mit-han-lab/radial-attention');
    expect(paper!.categories![0]).toBe('cs.CV');
    expect(paper!.authors).toHaveLength(14);
  });

  it('an unknown id is an empty feed: no papers, totalResults 0', () => {
    expect(parseAtomFeed(recording('empty.xml'))).toEqual({ totalResults: 0, entries: [] });
  });

  it("the API's error entry is an ArxivQueryError with arXiv's message", () => {
    expect(() => parseAtomFeed(recording('error.xml'))).toThrow(ArxivQueryError);
    expect(() => parseAtomFeed(recording('error.xml'))).toThrow('arXiv refused the query: incorrect id format for 1234.12345');
  });

  it('decodes entities once: markup in a title stays text for the templates to escape', () => {
    const xml = recording('2505.09814.xml').replace('<title>$XX^{t}$ Can Be Faster</title>', '<title>A &lt;b&gt;bold&lt;/b&gt; &amp;amp; caf&#233;\n   title</title>');
    expect(parseAtomFeed(xml).entries[0]!.title).toBe('A <b>bold</b> &amp; café title');
  });

  it('refuses what is not an Atom feed, saying why', () => {
    expect(() => parseAtomFeed('<html><body>Rate exceeded.</body></html>')).toThrow(new ArxivFormatError('not an Atom feed (no <feed> element)'));
    expect(() => parseAtomFeed('<feed><entry><title>cut')).toThrow(/not well-formed XML at line 1: the document ends before/);
    expect(() => parseAtomFeed(recording('2505.09814.xml').replace(/<title>\$XX[^<]*<\/title>/, '<title> </title>'))).toThrow('entry 1 (2505.09814): no title');
  });
});
