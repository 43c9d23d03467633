// The "Similar papers" section under a paper's abstract.
import type { Paper } from '../domain/paper.ts';
import { authorLine, shortDate } from './format.ts';
import { html, type Html } from './html.ts';
import { latex } from './latex.ts';

export function similarSection(papers: Paper[]): Html | null {
  if (!papers.length) return null;
  return html`<section aria-labelledby="similar" class="similar">
  <h2 id="similar">Similar papers</h2>
  <ul>${papers.map(
    (p) => html`<li><a href="/papers/${p.id}">${latex(p.title)}</a>
      <span class="meta">${authorLine(p.authors.map((a) => a.name), 2)}${p.publishedAt ? html` · ${shortDate(p.publishedAt)}` : ''} · ▲ ${p.upvotes}</span></li>`,
  )}</ul>
</section>`;
}
