// A BibTeX entry for a paper, in the form arXiv itself suggests (@misc with eprint fields).
import type { Paper } from './paper.ts';

function ascii(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]/g, '');
}

const STOP = new Set(['a', 'an', 'the', 'on', 'of', 'for', 'in', 'to', 'and', 'with', 'towards', 'toward', 'via', 'is', 'are']);

export function citationKey(p: Pick<Paper, 'id' | 'title' | 'authors' | 'publishedAt'>): string {
  const last = ascii(p.authors[0]?.name.split(/\s+/).at(-1) ?? '').toLowerCase() || 'anon';
  const year = p.publishedAt?.slice(0, 4) ?? yearFromId(p.id);
  const word = p.title.split(/[\s:,-]+/).map((w) => ascii(w).toLowerCase()).find((w) => w && !STOP.has(w)) ?? '';
  return `${last}${year}${word}`;
}

function yearFromId(id: string): string {
  const m = /(\d{2})\d{2}[.\d]/.exec(id.replace(/^.*\//, ''));
  return m ? `20${m[1]}` : '';
}

/** One line; braces kept when they pair up (\mathcal{O} needs them), all dropped when not (they would break the entry). */
function braces(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  let depth = 0;
  for (const c of line) {
    depth += c === '{' ? 1 : c === '}' ? -1 : 0;
    if (depth < 0) break;
  }
  return depth === 0 ? line : line.replace(/[{}]/g, '').replace(/ {2,}/g, ' ');
}

// Greek letters and symbols arXiv titles write in Unicode, as TeX commands: pdfLaTeX, still what most
// BibTeX users run, stops at "λ" inside math and prints nothing for it outside.
const TEX_SYMBOLS: Record<string, string> = {
  α: 'alpha', β: 'beta', γ: 'gamma', δ: 'delta', ε: 'varepsilon', ϵ: 'epsilon', ζ: 'zeta', η: 'eta', θ: 'theta', ϑ: 'vartheta',
  ι: 'iota', κ: 'kappa', λ: 'lambda', μ: 'mu', ν: 'nu', ξ: 'xi', π: 'pi', ρ: 'rho', σ: 'sigma', ς: 'varsigma', τ: 'tau',
  υ: 'upsilon', φ: 'varphi', ϕ: 'phi', χ: 'chi', ψ: 'psi', ω: 'omega',
  Γ: 'Gamma', Δ: 'Delta', Θ: 'Theta', Λ: 'Lambda', Ξ: 'Xi', Π: 'Pi', Σ: 'Sigma', Υ: 'Upsilon', Φ: 'Phi', Ψ: 'Psi', Ω: 'Omega',
  '≤': 'leq', '≥': 'geq', '≠': 'neq', '≈': 'approx', '∼': 'sim', '×': 'times', '±': 'pm', '∞': 'infty', '→': 'to',
  '←': 'leftarrow', '∈': 'in', '∂': 'partial', '∇': 'nabla', '∑': 'sum', '·': 'cdot',
};
const SYMBOL = new RegExp(`[${Object.keys(TEX_SYMBOLS).join('')}]`, 'gu');

/** Math as TeX commands: "λx" → "\lambda x" (a space so the command does not swallow the letter after it). */
function mathSymbols(math: string): string {
  return math.replace(SYMBOL, (c, at: number) => `\\${TEX_SYMBOLS[c]}${/[A-Za-z]/.test(math[at + 1] ?? '') ? ' ' : ''}`);
}

/**
 * A title LaTeX can typeset: inside $…$ Unicode symbols become commands; outside, a symbol becomes
 * $\command$ and the characters TeX reserves (& % # _, and a $ left unpaired) are escaped unless they already are.
 */
export function texTitle(title: string): string {
  return braces(title).split(/(\$[^$]*\$)/).map((part, i) =>
    i % 2
      ? mathSymbols(part)
      : part.replace(/(^|[^\\])(?=[&%#_$])/g, '$1\\').replace(SYMBOL, (c) => `$\\${TEX_SYMBOLS[c]}$`),
  ).join('');
}

export function bibtex(p: Pick<Paper, 'id' | 'title' | 'authors' | 'publishedAt' | 'primaryCategory'>): string {
  const fields: [string, string][] = [
    ['title', texTitle(p.title)],
    ['author', p.authors.map((a) => braces(a.name)).join(' and ')],
    ['year', p.publishedAt?.slice(0, 4) ?? yearFromId(p.id)],
    ['eprint', p.id],
    ['archivePrefix', 'arXiv'],
    ...(p.primaryCategory ? [['primaryClass', p.primaryCategory] as [string, string]] : []),
    ['url', `https://arxiv.org/abs/${p.id}`],
  ];
  return `@misc{${citationKey(p)},\n${fields.filter(([, v]) => v).map(([k, v]) => `  ${k} = {${v}}`).join(',\n')}\n}`;
}
