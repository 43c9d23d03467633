// The day, week, month and trending pages. Every list comes from db/daily.listPapers.
import type { Context } from 'hono';
import type { App, AppDeps, AppEnv } from '../../app.ts';
import { countListed } from '../../db/daily-counts.ts';
import { latestDay, latestListingTime, listPapers, neighbourDays } from '../../db/daily.ts';
import { dayPeriod, dayString, isoWeekOf, periodOutOfReach, monthOf, parseDay, parseMonth, parseWeek, periodContaining, type Period } from '../../domain/dates.ts';
import { TRENDING_FORMULA, trendingScore, HALF_LIFE_HOURS } from '../../domain/trending.ts';
import { badRequest, notFound } from '../../errors.ts';
import { pageCache } from '../page-cache.ts';
import { pageParam } from '../query-params.ts';
import { longDay, monthName, plural } from '../../views/format.ts';
import { html } from '../../views/html.ts';
import { listPage, type PeriodNav } from '../../views/list-page.ts';
import { viewerVotes } from './viewer-votes.ts';

const PAGE_SIZE = 50;
const FEEDS = [
  { title: 'paperboy: daily papers', href: '/papers/feed.xml' },
  { title: 'paperboy: trending papers', href: '/papers/trending/feed.xml' },
];

const HREF = { day: (p: Period) => `/papers/date/${p.label}`, week: (p: Period) => `/papers/week/${p.label}`, month: (p: Period) => `/papers/month/${p.label}` };

function heading(p: Period): string {
  if (p.kind === 'day') return longDay(p.label);
  if (p.kind === 'week') return `Week ${Number(p.label.slice(6))}, ${p.label.slice(0, 4)}`;
  return monthName(p.label);
}

/** A period typed in an address: a year before arXiv is a mistyped date (400), one still to come a page that does not exist yet (404). */
function reachable(period: Period): Period {
  const reach = periodOutOfReach(period, dayString(new Date()));
  if (reach) throw reach.when === 'before' ? badRequest(reach.message) : notFound(reach.message);
  return period;
}

async function renderPeriod(c: Context<AppEnv>, { db }: AppDeps, period: Period, canonical?: string) {
  const page = pageParam(c.req.query('page'));
  const rows = await listPapers(db, { from: period.from, to: period.to, order: 'upvotes', limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
  const { prev, next } = await neighbourDays(db, period.from, period.to);
  const shown = rows.slice(0, PAGE_SIZE);
  const nav: PeriodNav = {
    prev: prev ? { href: HREF[period.kind](periodContaining(period.kind, prev)), label: period.kind === 'day' ? 'Previous day' : `Previous ${period.kind}` } : null,
    next: next ? { href: HREF[period.kind](periodContaining(period.kind, next)), label: period.kind === 'day' ? 'Next day' : `Next ${period.kind}` } : null,
  };
  const self = HREF[period.kind](period);
  // One page holds them all unless it is full or not the first: then count the period's papers.
  const total = rows.length <= PAGE_SIZE && page === 1 ? shown.length : await countListed(db, period.from, period.to);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  // A page past the end is not a list with no papers (that would claim the period is empty): it is a
  // 404 that says which pages there are and links to the last. An empty period's page 1 stays a 200.
  const beyond = page > pageCount;
  const missing = `page ${page} of ${pageCount} does not exist; this list has ${plural(pageCount, 'page')}`;
  const counted = ` · ${plural(total, 'paper')}${pageCount > 1 && !beyond ? `, page ${page} of ${pageCount}` : ''}`;
  const lastPage = pageCount > 1 ? `${self}?page=${pageCount}` : self;
  return c.html(
    listPage({
      title: period.kind === 'day' ? `Daily Papers, ${heading(period)}` : `Papers of ${heading(period)}`,
      heading: period.kind === 'day' ? 'Daily Papers' : period.kind === 'week' ? 'Papers of the week' : 'Papers of the month',
      subheading: `${heading(period)}${counted}${period.kind !== 'day' ? ` · ${period.from} to ${period.to}` : ''}`,
      section: period.kind === 'day' ? 'daily' : period.kind === 'week' ? 'weekly' : 'monthly',
      viewer: c.get('viewer'),
      ...(await viewerVotes(c, db, shown)),
      feeds: FEEDS,
      canonical,
      nav,
      picker: { kind: period.kind, value: period.label },
      papers: shown,
      showDay: period.kind !== 'day',
      empty: beyond ? `${missing[0]!.toUpperCase()}${missing.slice(1)}.` : period.kind === 'day' ? `No papers were listed on ${heading(period)}.` : `No papers were listed in ${heading(period)}.`,
      intro: beyond ? html`<p><a class="button" href="${lastPage}">Go to page ${pageCount}, the last</a></p>` : undefined,
      pages: {
        prev: page > 1 && !beyond ? `${self}?page=${page - 1}` : null,
        next: rows.length > PAGE_SIZE ? `${self}?page=${page + 1}` : null,
      },
    }).value,
    beyond ? 404 : 200,
  );
}

export function listRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;
  const cached = pageCache(db);

  // An address under /papers typed with a trailing slash (/papers/, /papers/ID/) that matches no page
  // lands on the same address without it.
  app.use('/papers/*', async (c, next) => {
    await next();
    const path = c.req.path;
    if (c.res.status !== 404 || !path.endsWith('/') || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return;
    const search = new URL(c.req.url).search;
    c.res = c.redirect(`${path.replace(/\/+$/, '')}${search}`, 301);
  });

  const latest = async (c: Context<AppEnv>) => {
    const day = await latestDay(db);
    if (!day) {
      return c.html(
        listPage({
          title: 'Daily Papers', heading: 'Daily Papers', section: 'daily', viewer: c.get('viewer'), feeds: FEEDS, papers: [],
          empty: 'No papers yet. Import some with `paperboy import FILE`, or submit one.',
        }).value,
      );
    }
    return renderPeriod(c, deps, dayPeriod(day), `/papers/date/${day}`);
  };
  app.get('/', cached, latest);
  app.get('/papers', cached, latest);

  // The pickers submit ?day=, ?week=, ?month= (a plain GET form); each lands on its canonical URL.
  app.get('/papers/date', async (c) => {
    const raw = c.req.query('day');
    if (raw === undefined) return c.redirect('/papers');
    const day = parseDay(raw);
    if (!day) throw badRequest(`"${raw.slice(0, 20)}" is not a date; use YYYY-MM-DD`);
    return c.redirect(`/papers/date/${day}`);
  });
  app.get('/papers/week', async (c) => {
    const raw = c.req.query('week');
    if (raw === undefined) return c.redirect(`/papers/week/${isoWeekOf((await latestDay(db)) ?? new Date().toISOString().slice(0, 10))}`);
    const week = parseWeek(raw);
    if (!week) throw badRequest(`"${raw.slice(0, 20)}" is not an ISO week; use YYYY-Www, e.g. 2025-W32`);
    return c.redirect(`/papers/week/${week.label}`);
  });
  app.get('/papers/month', async (c) => {
    const raw = c.req.query('month');
    if (raw === undefined) return c.redirect(`/papers/month/${monthOf((await latestDay(db)) ?? new Date().toISOString().slice(0, 10))}`);
    const month = parseMonth(raw);
    if (!month) throw badRequest(`"${raw.slice(0, 20)}" is not a month; use YYYY-MM`);
    return c.redirect(`/papers/month/${month.label}`);
  });

  app.get('/papers/date/:day', cached, async (c) => {
    const day = parseDay(c.req.param('day'));
    if (!day) throw notFound(`there is no day "${c.req.param('day').slice(0, 20)}"; dates look like 2025-08-05`);
    return renderPeriod(c, deps, reachable(dayPeriod(day)));
  });
  app.get('/papers/week/:week', cached, async (c) => {
    const week = parseWeek(c.req.param('week'));
    if (!week) throw notFound(`there is no week "${c.req.param('week').slice(0, 20)}"; weeks look like 2025-W32`);
    return renderPeriod(c, deps, reachable(week));
  });
  app.get('/papers/month/:month', cached, async (c) => {
    const month = parseMonth(c.req.param('month'));
    if (!month) throw notFound(`there is no month "${c.req.param('month').slice(0, 20)}"; months look like 2025-08`);
    return renderPeriod(c, deps, reachable(month));
  });

  app.get('/papers/trending', cached, async (c) => {
    const papers = await listPapers(db, { order: 'trending', limit: PAGE_SIZE });
    const now = (await latestListingTime(db)) ?? new Date().toISOString();
    return c.html(
      listPage({
        title: 'Trending papers',
        heading: 'Trending papers',
        subheading: 'What the community is upvoting now',
        section: 'trending',
        viewer: c.get('viewer'),
        ...(await viewerVotes(c, db, papers)),
        feeds: FEEDS,
        papers,
        showDay: true,
        intro: html`<details class="formula"><summary>How trending works</summary>
          <p><code>${TRENDING_FORMULA}</code></p>
          <p>Votes lose half their weight every ${HALF_LIFE_HOURS} hours after a paper is listed. Ages are counted up to the newest listing on this site.</p></details>`,
        details: (p) => {
          const s = trendingScore(p.upvotes, p.daily.submittedAt, now);
          return html`<p class="score" title="${TRENDING_FORMULA}">score <strong>${s.score.toFixed(2)}</strong> = (${p.upvotes} + 1) × ½^(${s.ageHours.toFixed(0)} h ÷ ${HALF_LIFE_HOURS})</p>`;
        },
      }).value,
    );
  });
}
