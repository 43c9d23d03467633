// A digest, saved-search alert or personal digest as subject, HTML and plain text: the best papers in
// full (title, authors, two-line abstract, links, and in a personal digest the upvoted paper each is
// like), the rest as a short list, and a visible unsubscribe link.
import type { Subscription } from '../../db/subscriptions.ts';
import type { Paper } from '../../domain/paper.ts';
import { authorLine, plural, shortDate } from '../../views/format.ts';
import { html, type Html } from '../../views/html.ts';
import { FEATURED } from '../compose.ts';
import type { PersonalParams } from '../personal.ts';
import { COLOR, FONT, frame, link, snippet, wrap } from './frame.ts';

export interface DigestContent {
  baseUrl: string;
  subscription: Pick<Subscription, 'email' | 'cadence' | 'query' | 'personal'>;
  /** Best first; `day` is the daily list the paper was on. */
  papers: (Paper & { day: string })[];
  /** A personal digest's reasons. */
  personal?: PersonalParams;
  unsubscribeUrl: string;
  manageUrl: string;
  /** Pieces already rendered in this run: a paper's block is the same in every subscriber's mail. */
  fragments?: Map<string, { html: Html; text: string }>;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

function dayRange(papers: { day: string }[]): string {
  const days = papers.map((p) => p.day).sort();
  const first = days[0]!;
  const last = days.at(-1)!;
  if (first === last) return shortDate(first);
  return `${shortDate(first).replace(/, \d{4}$/, first.slice(0, 4) === last.slice(0, 4) ? '' : '$&')} – ${shortDate(last)}`;
}

function heading(c: DigestContent): { title: string; intro: string } {
  const { cadence, query } = c.subscription;
  const range = dayRange(c.papers);
  const count = plural(c.papers.length, 'paper');
  if (c.subscription.personal) {
    if (c.personal?.basis === 'trending') {
      return { title: 'Recommended for you', intro: `You have not upvoted any papers yet, so these are the ${plural(c.papers.length, 'most upvoted paper')} of ${range}. Upvote the papers you like on paperboy and these e-mails pick what is close to them.` };
    }
    return { title: 'Recommended for you', intro: `${count} from the lists of ${range}, close to the papers you upvoted.` };
  }
  if (query) return { title: `New papers matching “${query}”`, intro: `${count} from the ${cadence === 'daily' ? 'daily lists' : 'lists of the week'}, ${range}.` };
  if (cadence === 'weekly') return { title: 'Top papers of the week', intro: `${count}, best first · ${range}` };
  return { title: 'Daily Papers', intro: `${count}, best first · ${range}` };
}

function subject(c: DigestContent): string {
  const range = dayRange(c.papers);
  const { cadence, query } = c.subscription;
  if (c.subscription.personal) return `Recommended for you · ${range} · ${plural(c.papers.length, 'paper')}`;
  if (query) return `${plural(c.papers.length, 'new paper')} matching “${query.length > 60 ? `${query.slice(0, 57)}…` : query}” · ${range}`;
  if (cadence === 'weekly') return `Top papers of the week · ${range}`;
  return `Daily Papers · ${range} · ${plural(c.papers.length, 'paper')}`;
}

const paperUrl = (base: string, id: string) => `${base}/papers/${id}`;
/** Titles as imported may hold line breaks; in a mail they are one line. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const arxivUrl = (id: string) => `https://arxiv.org/abs/${id}`;

function featuredHtml(c: DigestContent, p: Paper, rank: number): Html {
  const authors = authorLine(p.authors.map((a) => a.name));
  const like = because(c, p);
  return html`<tr><td style="padding:18px 24px;border-top:1px solid ${COLOR.line};${FONT}">
<div style="font-size:13px;font-weight:700;color:${COLOR.accent};">#${rank} · ▲ ${p.upvotes}</div>
<div style="margin-top:2px;"><a href="${paperUrl(c.baseUrl, p.id)}" style="font-size:17px;line-height:1.3;font-weight:700;color:${COLOR.text};text-decoration:none;">${p.title}</a></div>
${authors ? html`<div style="margin-top:4px;font-size:14px;color:${COLOR.muted};">${authors}</div>` : ''}
${p.abstract ? html`<div style="margin-top:6px;font-size:14px;line-height:1.5;color:${COLOR.text};">${snippet(p.abstract)}</div>` : ''}
${like ? html`<div style="margin-top:6px;font-size:13px;color:${COLOR.muted};">Like ${link(paperUrl(c.baseUrl, like.id), oneLine(like.title))}, which you upvoted</div>` : ''}
<div style="margin-top:8px;font-size:14px;">${link(paperUrl(c.baseUrl, p.id), 'Read on paperboy', 'font-weight:600;')} · ${link(arxivUrl(p.id), `arXiv:${p.id}`)}${p.githubUrl ? html` · ${link(p.githubUrl, 'Code')}` : ''}</div>
</td></tr>`;
}

function moreItemHtml(c: DigestContent, p: Paper): Html {
  return html`<li style="margin:4px 0;">${link(paperUrl(c.baseUrl, p.id), p.title, 'text-decoration:none;')} <span style="color:${COLOR.muted};">▲ ${p.upvotes}</span></li>\n`;
}

function moreHtml(items: Html[], heading: string): Html {
  if (!items.length) return html``;
  return html`<tr><td style="padding:18px 24px;border-top:1px solid ${COLOR.line};${FONT}">
<div style="font-size:15px;font-weight:700;color:${COLOR.text};margin-bottom:6px;">${heading}</div>
<ol start="${FEATURED + 1}" style="margin:0;padding-left:24px;font-size:14px;line-height:1.5;color:${COLOR.muted};">
${items}
</ol>
</td></tr>`;
}

function featuredText(c: DigestContent, p: Paper, rank: number): string {
  const like = because(c, p);
  return [
    `${rank}. ${oneLine(p.title)} (▲ ${p.upvotes})`,
    p.authors.length ? wrap(authorLine(p.authors.map((a) => a.name)), 76, '   ') : '',
    p.abstract ? wrap(snippet(p.abstract), 76, '   ') : '',
    like ? wrap(`Like “${oneLine(like.title)}”, which you upvoted`, 76, '   ') : '',
    `   ${paperUrl(c.baseUrl, p.id)}`,
    `   arXiv: ${arxivUrl(p.id)}`,
  ].filter(Boolean).join('\n');
}

/** The upvoted paper a personal digest's paper is like. */
const because = (c: DigestContent, p: Paper) => c.personal?.because[p.id];

function why(c: DigestContent): string {
  const { cadence, query, email } = c.subscription;
  if (c.subscription.personal) return `You get these ${cadence} recommendations because ${email} asked for them on paperboy. They are picked from the lists for the papers you upvote: only papers close to them, and no e-mail when there are none.`;
  return query
    ? `You get this ${cadence} alert because ${email} subscribed to new papers matching “${query}” on paperboy.`
    : `You get this because ${email} subscribed to paperboy's ${cadence} digest.`;
}

export function renderDigest(c: DigestContent): RenderedMail {
  const { title, intro } = heading(c);
  const featured = c.papers.slice(0, FEATURED);
  const rest = c.papers.slice(FEATURED);
  const moreHeading = c.subscription.personal ? 'More for you' : 'Also on the list';
  const piece = (key: string, make: () => { html: Html; text: string }) => {
    let found = c.fragments?.get(key);
    if (!found) {
      found = make();
      c.fragments?.set(key, found);
    }
    return found;
  };
  const top = featured.map((p, i) => piece(`f${i + 1}:${p.id}:${p.upvotes}:${because(c, p)?.id ?? ''}`, () => ({ html: featuredHtml(c, p, i + 1), text: featuredText(c, p, i + 1) })));
  const more = rest.map((p, i) => piece(`m${FEATURED + i + 1}:${p.id}:${p.upvotes}`, () => ({ html: moreItemHtml(c, p), text: `${FEATURED + i + 1}. ${oneLine(p.title)} (▲ ${p.upvotes})\n    ${paperUrl(c.baseUrl, p.id)}` })));
  const body = html`<tr><td style="padding:20px 24px 14px;${FONT}">
<h1 style="margin:0;font-size:24px;line-height:1.2;color:${COLOR.text};">${title}</h1>
<p style="margin:6px 0 0;font-size:14px;color:${COLOR.muted};">${intro}</p>
</td></tr>
${top.map((f) => f.html)}
${moreHtml(more.map((m) => m.html), moreHeading)}`;
  const footer = html`${why(c)}<br>${link(c.unsubscribeUrl, 'Unsubscribe', 'color:' + COLOR.muted + ';font-weight:600;')} (one click, no log-in) · ${link(c.manageUrl, 'Change what you get', 'color:' + COLOR.muted + ';')}`;

  const textRest = more.length ? `\n\n${moreHeading}:\n${more.map((m) => m.text).join('\n')}` : '';
  const text = `${title}\n${intro}\n\n${top.map((f) => f.text).join('\n\n')}${textRest}\n\n-- \n${wrap(why(c))}\nUnsubscribe (one click): ${c.unsubscribeUrl}\nChange what you get: ${c.manageUrl}\n`;

  return { subject: subject(c), html: frame({ title, preheader: featured[0] ? oneLine(featured[0].title) : intro, baseUrl: c.baseUrl, body, footer }), text };
}
