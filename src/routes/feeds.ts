// RSS feeds of the lists: the latest days and trending.
import type { App, AppDeps } from '../app.ts';
import { latestDay, listPapers } from '../db/daily.ts';
import { addDays } from '../domain/dates.ts';
import { rss } from '../views/rss.ts';
import { pageCache } from './page-cache.ts';

const FEED_DAYS = 7;
const FEED_ITEMS = 100;
const RSS_TYPE = 'application/rss+xml; charset=utf-8';

export function feedRoutes(app: App, { db, config }: AppDeps): void {
  const cached = pageCache(db);
  app.get('/papers/feed.xml', cached, async (c) => {
    const last = await latestDay(db);
    const papers = last ? await listPapers(db, { from: addDays(last, -(FEED_DAYS - 1)), to: last, order: 'newest', limit: FEED_ITEMS }) : [];
    const body = rss({
      title: 'paperboy: daily papers',
      description: `The papers on the daily lists of the last ${FEED_DAYS} days, best first within each day.`,
      link: `${config.baseUrl}/papers`,
      self: `${config.baseUrl}/papers/feed.xml`,
      baseUrl: config.baseUrl,
      papers,
    });
    return c.body(body, 200, { 'Content-Type': RSS_TYPE });
  });

  app.get('/papers/trending/feed.xml', cached, async (c) => {
    const papers = await listPapers(db, { order: 'trending', limit: 50 });
    const body = rss({
      title: 'paperboy: trending papers',
      description: 'The papers the community is upvoting now.',
      link: `${config.baseUrl}/papers/trending`,
      self: `${config.baseUrl}/papers/trending/feed.xml`,
      baseUrl: config.baseUrl,
      papers,
    });
    return c.body(body, 200, { 'Content-Type': RSS_TYPE });
  });
}
