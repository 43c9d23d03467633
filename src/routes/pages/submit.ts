// /submit: the page and its form post. A refused submission shows the form again with the reason
// (and the status code the API would give); a listed paper sends the browser to its page.
import type { Context } from 'hono';
import type { App, AppDeps, AppEnv } from '../../app.ts';
import { submissionsOn } from '../../db/submissions.ts';
import { dayString } from '../../domain/dates.ts';
import { parseArxivRef } from '../../domain/arxiv-id.ts';
import { submitPaper, SUBMIT_RATE } from '../../domain/submissions.ts';
import { AppError } from '../../errors.ts';
import { submitPage } from '../../views/submit-page.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { loginUrl } from './back.ts';

export function submitRoutes(app: App, deps: AppDeps): void {
  const { db, config } = deps;

  const render = async (c: Context<AppEnv>, extra: { value?: string; comment?: string; error?: AppError } = {}) => {
    const viewer = c.get('viewer')!;
    const today = dayString(new Date());
    const e = extra.error;
    const ref = e?.status === 409 && extra.value ? parseArxivRef(extra.value) : null;
    const page = submitPage({
      viewer,
      csrf: c.get('csrf'),
      today,
      policy: { dailyQuota: config.submitDailyQuota, usedToday: await submissionsOn(db, viewer.id, today), maxAgeDays: config.submitMaxAgeDays },
      value: extra.value,
      comment: extra.comment,
      error: e ? { message: e.message, paperHref: ref ? `/papers/${ref.id}` : undefined } : undefined,
    });
    for (const [k, v] of Object.entries(e?.headers ?? {})) c.header(k, v);
    return c.html(page.value, e?.status ?? 200);
  };

  app.get('/submit', async (c) => {
    if (!c.get('viewer')) return c.redirect(loginUrl('/submit'), 303);
    return render(c);
  });

  app.post('/submit', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect(loginUrl('/submit'), 303);
    const form = await c.req.parseBody();
    const value = typeof form.paper === 'string' ? form.paper : '';
    const comment = typeof form.comment === 'string' ? form.comment : '';
    try {
      await rateLimit(c, `submit:${viewer.id}`, SUBMIT_RATE.limit, SUBMIT_RATE.windowSeconds, SUBMIT_RATE.message);
      const done = await submitPaper(deps, viewer, { paper: value, comment });
      return c.redirect(`/papers/${done.paperId}`, 303);
    } catch (e) {
      if (e instanceof AppError) return render(c, { value, comment, error: e });
      throw e;
    }
  });
}
