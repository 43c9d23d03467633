// One paper in a list: vote count, title, authors, a two-line abstract, links.
import type { ListedPaper } from '../domain/paper.ts';
import { html, type Html } from './html.ts';
import { latex } from './latex.ts';
import { authorLine, plural, shortDate } from './format.ts';
import type { Viewer } from './layout.ts';

/** What the upvote control needs to know about who is looking: whether they voted, and the form token. */
export interface VoteContext {
  voted: boolean;
  viewer: Viewer | null;
  csrf?: string;
}
const NOBODY: VoteContext = { voted: false, viewer: null };

/** The upvote control; a module with voting replaces it with a form. */
export type VoteWidget = (paper: { id: string; upvotes: number }, ctx: VoteContext) => Html;
let voteWidget: VoteWidget = (p) =>
  html`<div class="votes" aria-label="${plural(p.upvotes, 'upvote')}"><span aria-hidden="true">▲</span><strong>${p.upvotes}</strong></div>`;
export function setVoteWidget(widget: VoteWidget): void {
  voteWidget = widget;
}
export function renderVotes(paper: { id: string; upvotes: number }, ctx: VoteContext = NOBODY): Html {
  return voteWidget(paper, ctx);
}

export function paperCard(p: ListedPaper, options: { rank?: number; showDay?: boolean; details?: Html; vote?: VoteContext } = {}): Html {
  const snippet = p.aiSummary ?? p.abstract;
  return html`<li class="card">
  ${renderVotes(p, options.vote)}
  <article>
    <h3><a href="/papers/${p.id}">${latex(p.title)}</a></h3>
    <p class="authors">${authorLine(p.authors.map((a) => a.name))}</p>
    ${snippet ? html`<p class="snippet">${latex(snippet)}</p>` : ''}
    <p class="meta">
      <span>arXiv:${p.id}</span>
      ${options.showDay ? html`<a href="/papers/date/${p.daily.day}">listed ${shortDate(p.daily.day)}</a>` : ''}
      <a href="/papers/${p.id}#comments">${plural(p.numComments, 'comment')}</a>
      ${p.githubUrl ? html`<a href="${p.githubUrl}" rel="noopener nofollow">Code</a>` : ''}
      ${p.daily.submitterUsername ? html`<span>submitted by ${p.daily.submitterUsername}</span>` : ''}
    </p>
    ${options.details ?? ''}
  </article>
</li>`;
}
