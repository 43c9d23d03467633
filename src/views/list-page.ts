// The day, week, month and trending pages: a heading, period navigation, a picker and the list.
import type { ListedPaper } from '../domain/paper.ts';
import { html, type Html } from './html.ts';
import { layout, type PageOptions } from './layout.ts';
import { paperCard } from './paper-card.ts';

export interface PeriodNav {
  prev: { href: string; label: string } | null;
  next: { href: string; label: string } | null;
}

export interface Picker {
  kind: 'day' | 'week' | 'month';
  value: string;
}

export interface ListPageOptions extends Omit<PageOptions, 'body'> {
  heading: string;
  subheading?: string;
  nav?: PeriodNav;
  picker?: Picker;
  papers: ListedPaper[];
  showDay?: boolean;
  intro?: Html;
  details?: (p: ListedPaper) => Html;
  /** Papers the viewer has upvoted, for the vote buttons. */
  voted?: ReadonlySet<string>;
  pages?: { prev: string | null; next: string | null };
  empty?: string;
}

const PICKER_INPUT = { day: 'date', week: 'week', month: 'month' } as const;
const PICKER_LABEL = { day: 'Go to day', week: 'Go to week', month: 'Go to month' } as const;

function periodNav(nav: PeriodNav): Html {
  return html`<nav class="period" aria-label="Previous and next">
    ${nav.prev ? html`<a class="button" rel="prev" href="${nav.prev.href}">← ${nav.prev.label}</a>` : html`<span class="button disabled" aria-disabled="true">← Earlier</span>`}
    ${nav.next ? html`<a class="button" rel="next" href="${nav.next.href}">${nav.next.label} →</a>` : html`<span class="button disabled" aria-disabled="true">Later →</span>`}
  </nav>`;
}

function picker(p: Picker): Html {
  const id = `pick-${p.kind}`;
  return html`<form class="picker" method="get" action="/papers/${p.kind === 'day' ? 'date' : p.kind}" data-autosubmit>
    <label for="${id}">${PICKER_LABEL[p.kind]}</label>
    <input id="${id}" name="${p.kind}" type="${PICKER_INPUT[p.kind]}" value="${p.value}" required
      ${p.kind === 'week' ? html`pattern="\\d{4}-W\\d{2}" placeholder="2025-W32"` : ''}${p.kind === 'month' ? html`pattern="\\d{4}-\\d{2}" placeholder="2025-08"` : ''}>
    <button type="submit">Go</button>
  </form>`;
}

export function listPage(o: ListPageOptions): Html {
  const body = html`<div class="list-head">
  <div>
    <h1>${o.heading}</h1>
    ${o.subheading ? html`<p class="sub">${o.subheading}</p>` : ''}
  </div>
  <div class="list-tools">${o.nav ? periodNav(o.nav) : ''}${o.picker ? picker(o.picker) : ''}</div>
</div>
${o.intro ?? ''}
${o.papers.length
    // A section heading for screen readers, so the cards' h3 titles follow the h1 without a skipped level.
    ? html`<h2 class="visually-hidden">Papers</h2>
<ol class="papers">${o.papers.map((p) => paperCard(p, { showDay: o.showDay, details: o.details?.(p), vote: { voted: o.voted?.has(p.id) ?? false, viewer: o.viewer ?? null, csrf: o.csrf } }))}</ol>`
    : html`<p class="empty">${o.empty ?? 'No papers here.'}</p>`}
${o.pages && (o.pages.prev || o.pages.next)
    ? html`<nav class="pages" aria-label="Pages">${o.pages.prev ? html`<a class="button" href="${o.pages.prev}">← Previous page</a>` : ''}${o.pages.next ? html`<a class="button" href="${o.pages.next}">Next page →</a>` : ''}</nav>`
    : ''}`;
  return layout({ ...o, body });
}
