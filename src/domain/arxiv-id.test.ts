import { describe, expect, it } from 'vitest';
import { arxivIdProblem, isArxivId, parseArxivRef } from './arxiv-id.ts';

describe('parseArxivRef', () => {
  it('reads new-style ids with and without version', () => {
    expect(parseArxivRef('2508.02324')).toEqual({ id: '2508.02324' });
    expect(parseArxivRef('2508.02324v3')).toEqual({ id: '2508.02324', version: 3 });
    expect(parseArxivRef('0704.0001')).toEqual({ id: '0704.0001' });
    expect(parseArxivRef(' arXiv:2508.02324 ')).toEqual({ id: '2508.02324' });
  });

  it('reads old-style ids', () => {
    expect(parseArxivRef('hep-th/9901001')).toEqual({ id: 'hep-th/9901001' });
    expect(parseArxivRef('math.GT/0309136v2')).toEqual({ id: 'math.GT/0309136', version: 2 });
  });

  it('reads abs and pdf URLs as people paste them', () => {
    expect(parseArxivRef('https://arxiv.org/abs/2508.02324v2')).toEqual({ id: '2508.02324', version: 2 });
    expect(parseArxivRef('https://arxiv.org/pdf/2508.02324')).toEqual({ id: '2508.02324' });
    expect(parseArxivRef('http://arxiv.org/pdf/2508.02324v1.pdf')).toEqual({ id: '2508.02324', version: 1 });
    expect(parseArxivRef('arxiv.org/abs/hep-th/9901001')).toEqual({ id: 'hep-th/9901001' });
    expect(parseArxivRef('https://www.arxiv.org/abs/2508.02324?context=cs')).toEqual({ id: '2508.02324' });
  });

  it('refuses version 0, which arXiv never gives, and says so', () => {
    for (const bad of ['2402.01118v0', '2402.01118v01', 'hep-th/9901001v0', 'https://arxiv.org/abs/2402.01118v0']) expect(parseArxivRef(bad), bad).toBeNull();
    expect(arxivIdProblem('2402.01118v0')).toBe('"2402.01118v0" is not an arXiv id: v0 is not a version (arXiv versions start at v1)');
    expect(arxivIdProblem('hello')).toBe('"hello" is not an arXiv id (like 2508.01234 or hep-th/9901001)');
    expect(parseArxivRef('2402.01118v10')).toEqual({ id: '2402.01118', version: 10 });
  });

  it('refuses what is not an id', () => {
    for (const bad of ['hello world', '', '2508.123', '2508.123456', '25080.1234', 'https://example.com/abs/2508.02324', '2508.02324v', '../etc/passwd']) {
      expect(parseArxivRef(bad), bad).toBeNull();
    }
  });

  it('isArxivId accepts only the bare, versionless form', () => {
    expect(isArxivId('2508.02324')).toBe(true);
    expect(isArxivId('2508.02324v2')).toBe(false);
    expect(isArxivId('https://arxiv.org/abs/2508.02324')).toBe(false);
  });
});
