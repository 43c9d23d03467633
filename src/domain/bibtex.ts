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

function braces(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[{}]/g, '').trim();
}

export function bibtex(p: Pick<Paper, 'id' | 'title' | 'authors' | 'publishedAt' | 'primaryCategory'>): string {
  const fields: [string, string][] = [
    ['title', braces(p.title)],
    ['author', p.authors.map((a) => braces(a.name)).join(' and ')],
    ['year', p.publishedAt?.slice(0, 4) ?? yearFromId(p.id)],
    ['eprint', p.id],
    ['archivePrefix', 'arXiv'],
    ...(p.primaryCategory ? [['primaryClass', p.primaryCategory] as [string, string]] : []),
    ['url', `https://arxiv.org/abs/${p.id}`],
  ];
  return `@misc{${citationKey(p)},\n${fields.filter(([, v]) => v).map(([k, v]) => `  ${k} = {${v}}`).join(',\n')}\n}`;
}
