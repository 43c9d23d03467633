// BibTeX a LaTeX user can paste: Unicode Greek and symbols become TeX commands (inside math and out),
// TeX's reserved characters are escaped, paired braces are kept — and the box on the page wraps.
import { describe, expect, it } from 'vitest';
import { bibtex, texTitle } from '../src/domain/bibtex.ts';

describe('BibTeX titles', () => {
  it('turns Greek letters in math into commands, with a space before a following letter', () => {
    expect(texTitle('The $λ$-calculus and $αx + β$')).toBe('The $\\lambda$-calculus and $\\alpha x + \\beta$');
    expect(texTitle('$O(n^2)$ ≤ $Θ(n)$')).toBe('$O(n^2)$ $\\leq$ $\\Theta(n)$');
  });

  it('puts symbols outside math into math, and escapes & % # _ and a lone $', () => {
    expect(texTitle('β-VAE: 100% of R&D, #1 in top_k for $5')).toBe('$\\beta$-VAE: 100\\% of R\\&D, \\#1 in top\\_k for \\$5');
    expect(texTitle('Already \\& escaped')).toBe('Already \\& escaped');
  });

  it('keeps paired braces and drops unpaired ones', () => {
    expect(texTitle('Sorting in $\\mathcal{O}(n \\log n)$')).toBe('Sorting in $\\mathcal{O}(n \\log n)$');
    expect(texTitle('A } broken { title')).toBe('A broken title');
  });

  it('writes the whole entry on one line per field', () => {
    const entry = bibtex({ id: '2508.00001', title: 'The $λ$\n  trick', authors: [{ name: 'Ada Lovelace' }], publishedAt: '2025-08-01T00:00:00Z', primaryCategory: 'cs.LG' });
    expect(entry).toBe('@misc{lovelace2025trick,\n  title = {The $\\lambda$ trick},\n  author = {Ada Lovelace},\n  year = {2025},\n  eprint = {2508.00001},\n  archivePrefix = {arXiv},\n  primaryClass = {cs.LG},\n  url = {https://arxiv.org/abs/2508.00001}\n}');
  });
});
