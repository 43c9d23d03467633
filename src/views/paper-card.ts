// One paper in a list: vote count, title, authors, a two-line abstract, links.
import type { ListedPaper, Paper } from '../domain/paper.ts';
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

/**
 * A paper's comments split into those here and those counted on Hugging Face when it was imported
 * (numComments, as the API gives it, is both): the card and the paper page say them the same way.
 */
export function commentCounts(p: Pick<Paper, 'numComments' | 'commentsElsewhere'>): { here: number; elsewhere: number } {
  const elsewhere = Math.min(Math.max(0, p.commentsElsewhere ?? 0), p.numComments);
  return { here: p.numComments - elsewhere, elsewhere };
}

export const huggingFacePage = (id: string) => `https://huggingface.co/papers/${id}`;

/** "2 comments" (to the thread here) and/or "1 comment on Hugging Face" (to it there). */
export function commentLinks(p: Pick<Paper, 'id' | 'numComments' | 'commentsElsewhere'>): Html {
  const { here, elsewhere } = commentCounts(p);
  const local = html`<a href="/papers/${p.id}#comments">${plural(here, 'comment')}</a>`;
  if (!elsewhere) return local;
  const hf = html`<a href="${huggingFacePage(p.id)}" rel="noopener">${here ? `${elsewhere} more on Hugging Face` : `${plural(elsewhere, 'comment')} on Hugging Face`}</a>`;
  return here ? html`${local} ${hf}` : hf;
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
      ${commentLinks(p)}
      ${p.githubUrl ? html`<a href="${p.githubUrl}" rel="noopener nofollow">Code</a>` : ''}
      ${p.daily.submitterUsername ? html`<span>submitted by ${p.daily.submitterUsername}</span>` : ''}
    </p>
    ${options.details ?? ''}
  </article>
</li>`;
}
