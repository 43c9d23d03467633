// /papers/for-you: a member's recommendations from the last week's lists, each with the upvoted paper
// it is like; for a visitor who is not logged in, what the page is and how to get it.
import type { ListedPaper } from '../domain/paper.ts';
import type { Recommendations } from '../search/recommend-member.ts';
import { plural, shortDate } from './format.ts';
import { html, type Html } from './html.ts';
import { layout, type Viewer } from './layout.ts';
import { listPage } from './list-page.ts';

export interface ForYouView {
  viewer: Viewer;
  csrf: string | undefined;
  voted: ReadonlySet<string>;
  /** The days chosen from and how many papers they hold; null on a site without lists. */
  week: { from: string; to: string; papers: number } | null;
  recommendations: Recommendations<ListedPaper> | null;
}

const span = (w: { from: string; to: string }) => `${shortDate(w.from).replace(/, \d{4}$/, w.from.slice(0, 4) === w.to.slice(0, 4) ? '' : '$&')} – ${shortDate(w.to)}`;

function intro(v: ForYouView): Html {
  const r = v.recommendations;
  if (!r || !v.week) return html``;
  const mail = html`<a href="/settings/digest#for-you-h">Get them by e-mail</a>`;
  if (r.basis === 'trending') {
    return html`<div class="formula" role="note"><p><strong>You have not upvoted any papers yet</strong>, so these are the most upvoted papers of the week.
      Upvote papers you like (▲ on any list) and this page picks the week’s papers for you. ${mail}.</p></div>`;
  }
  return html`<div class="formula"><p>Picked from the week’s ${plural(v.week.papers, 'paper')} for the ${plural(r.profile, 'paper')} you
    <a href="/u/${v.viewer.username}">upvoted</a> most recently: papers close to them in meaning and in words, with a little weight on the
    community’s votes. Papers you upvoted are left out. Those only loosely like yours say so; the e-mails leave them out. ${mail}.</p></div>`;
}

export function forYouPage(v: ForYouView): Html {
  const items = v.recommendations?.items ?? [];
  const picked = new Map(items.map((r) => [r.paper.id, r]));
  return listPage({
    title: 'Recommended for you',
    heading: 'Recommended for you',
    subheading: v.week ? `From the lists of ${span(v.week)}` : undefined,
    section: 'for-you',
    viewer: v.viewer,
    csrf: v.csrf,
    voted: v.voted,
    papers: items.map((r) => r.paper),
    showDay: true,
    intro: intro(v),
    details: (p) => {
      const r = picked.get(p.id);
      // The page keeps the week's best even when few are close (see docs/RECOMMENDATIONS.md), saying which.
      return r?.because ? html`<p class="score">${r.close ? 'Like' : 'Only loosely like'} <a href="/papers/${r.because.id}">${r.because.title}</a>, which you upvoted</p>` : html``;
    },
    empty: !v.week ? 'No papers have been listed yet.' : v.week.papers ? 'You have upvoted every paper of the week: nothing is left to recommend.' : 'No papers were listed in the last week.',
  });
}

/** For a visitor who is not logged in. */
export function forYouSignedOutPage(csrf: string | undefined): Html {
  return layout({
    title: 'Recommended for you',
    section: 'for-you',
    viewer: null,
    csrf,
    body: html`<section class="account-box">
    <h1>Recommended for you</h1>
    <p>Members get the week’s papers picked for them: upvote the papers you like, and this page ranks the newest lists by how close
      each paper is to those — in meaning and in words. You can get the picks by e-mail too.</p>
    <p><a class="button primary" href="/signup">Sign up</a> <a class="button" href="/login?next=%2Fpapers%2Ffor-you">Log in</a></p>
  </section>`,
  });
}
