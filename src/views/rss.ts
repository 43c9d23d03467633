// RSS 2.0 documents for any list of papers.
import type { ListedPaper } from '../domain/paper.ts';
import { authorLine, longDay, plural } from './format.ts';
import { latexToText } from './latex.ts';

function xml(text: string): string {
  // Characters XML 1.0 forbids are dropped; the rest escaped.
  return text.replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`);
}

export interface FeedOptions {
  title: string;
  description: string;
  /** The page this feed mirrors and the feed's own URL, both absolute. */
  link: string;
  self: string;
  baseUrl: string;
  papers: ListedPaper[];
}

export function rss(o: FeedOptions): string {
  const items = o.papers.map((p) => {
    const url = `${o.baseUrl}/papers/${p.id}`;
    const authors = p.authors.map((a) => a.name).join(', ');
    const votes = `(${plural(p.upvotes, 'upvote')})`;
    // A paper without an abstract (yet) still says who wrote it and when it was listed, not only its votes.
    const byline = [p.authors.length ? `By ${authorLine(p.authors.map((a) => a.name), 5)}` : '', `listed ${longDay(p.daily.day)}`].filter(Boolean).join(', ');
    const description = p.abstract ? `${latexToText(p.abstract)} ${votes}` : `No abstract yet. ${byline[0]!.toUpperCase()}${byline.slice(1)}. ${votes}`;
    return `<item>
<title>${xml(latexToText(p.title))}</title>
<link>${xml(url)}</link>
<guid isPermaLink="true">${xml(url)}</guid>
<pubDate>${new Date(p.daily.submittedAt).toUTCString()}</pubDate>
${authors ? `<dc:creator>${xml(authors)}</dc:creator>\n` : ''}<description>${xml(description)}</description>
${p.categories.map((c) => `<category>${xml(c)}</category>`).join('')}
</item>`;
  });
  const newest = o.papers.reduce((max, p) => (p.daily.submittedAt > max ? p.daily.submittedAt : max), '');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${xml(o.title)}</title>
<link>${xml(o.link)}</link>
<description>${xml(o.description)}</description>
<atom:link href="${xml(o.self)}" rel="self" type="application/rss+xml"/>
<language>en</language>
${newest ? `<lastBuildDate>${new Date(newest).toUTCString()}</lastBuildDate>\n` : ''}${items.join('\n')}
</channel>
</rss>
`;
}
