// The paper page: title, authors, links, abstract, daily listing, BibTeX, then sections other
// modules add (similar papers, comments).
import { bibtex } from '../domain/bibtex.ts';
import type { Paper } from '../domain/paper.ts';
import { longDay, shortDate } from './format.ts';
import { html, type Html } from './html.ts';
import { layout, type PageOptions } from './layout.ts';
import { latex, latexToText } from './latex.ts';
import { renderVotes } from './paper-card.ts';

export function paperPage(p: Paper, options: { sections?: Html[]; page?: Partial<PageOptions>; voted?: boolean } = {}): Html {
  const links: [string, string][] = [
    [`https://arxiv.org/abs/${p.id}`, 'arXiv page'],
    [`https://arxiv.org/pdf/${p.id}`, 'PDF'],
    ...(p.githubUrl ? [[p.githubUrl, 'GitHub repository'] as [string, string]] : []),
    ...(p.projectPage ? [[p.projectPage, 'Project page'] as [string, string]] : []),
  ];
  const body = html`<article class="paper">
  <div class="paper-head">
    ${renderVotes(p, { voted: options.voted ?? false, viewer: options.page?.viewer ?? null, csrf: options.page?.csrf })}
    <div>
      <p class="kicker">arXiv:${p.id}${p.latestVersion ? html` · v${p.latestVersion}` : ''}${p.publishedAt ? html` · published ${shortDate(p.publishedAt)}` : ''}${p.primaryCategory ? html` · ${p.primaryCategory}` : ''}</p>
      <h1>${latex(p.title)}</h1>
      <p class="authors full">${p.authors.map((a, i) => html`${i ? ', ' : ''}<span>${a.name}</span>`)}</p>
    </div>
  </div>
  <ul class="links" aria-label="Links">${links.map(([href, label]) => html`<li><a class="button" href="${href}" rel="noopener">${label}</a></li>`)}</ul>
  ${p.daily ? html`<p class="listed">On the daily list of <a href="/papers/date/${p.daily.day}">${longDay(p.daily.day)}</a>${p.daily.submitterUsername ? html`, submitted by ${p.daily.submitterUsername}` : ''}.</p>` : ''}
  ${p.aiSummary ? html`<section aria-labelledby="tldr"><h2 id="tldr">In short</h2><p>${latex(p.aiSummary)}</p></section>` : ''}
  <section aria-labelledby="abstract">
    <h2 id="abstract">Abstract</h2>
    ${p.abstract ? html`<p class="abstract">${latex(p.abstract)}</p>` : html`<p class="empty">No abstract is known for this paper yet.</p>`}
    ${p.categories.length ? html`<ul class="tags" aria-label="Categories">${p.categories.map((c) => html`<li>${c}</li>`)}</ul>` : ''}
  </section>
  ${options.sections ?? ''}
  <section aria-labelledby="cite">
    <h2 id="cite">Cite</h2>
    <pre class="bibtex" tabindex="0"><code>${bibtex(p)}</code></pre>
    <button type="button" class="copy" data-copy=".bibtex code" hidden>Copy BibTeX</button>
  </section>
</article>`;
  const description = p.abstract ? excerpt(latexToText(p.abstract), 200) : undefined;
  const canonical = options.page?.canonical;
  return layout({
    title: latexToText(p.title),
    description,
    // Link previews: only with the absolute address (the canonical URL, built on the site's base URL).
    // The image is the paper's own thumbnail (Hugging Face's are PNG) or the site's SVG title card,
    // which some platforms do not show.
    openGraph: canonical
      ? { type: 'article', title: latexToText(p.title), description, url: canonical, image: new URL(p.thumbnail ?? `/papers/${p.id}/thumbnail.svg`, canonical).href }
      : undefined,
    ...options.page,
    body,
  });
}

/** The start of a text, cut at a word and marked with an ellipsis when cut. */
function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : max).replace(/[\s,;:.]+$/, '')}…`;
}
