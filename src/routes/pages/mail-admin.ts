// /admin/mail (administrators only): subscriptions, deliveries and the job queue at a glance, with
// "send again" for a delivery that failed for good or was interrupted mid-send.
import type { App, AppDeps } from '../../app.ts';
import { deliveryCounts, requeueDelivery, troubledDeliveries } from '../../db/deliveries.ts';
import { jobCounts, queuedPeriodicRuns, recentFailedJobs } from '../../db/jobs.ts';
import { subscriptionCounts } from '../../db/subscriptions.ts';
import { notFound } from '../../errors.ts';
import { queueDelivery } from '../../mail/jobs.ts';
import { outboxDir } from '../../mail/transport.ts';
import { mailAdminPage } from '../../views/mail-admin.ts';
import { requireAdmin } from '../auth.ts';
import { loginUrl } from './back.ts';

export function mailAdminRoutes(app: App, { db, config }: AppDeps): void {
  app.get('/admin/mail', async (c) => {
    if (!c.get('viewer')) return c.redirect(loginUrl('/admin/mail'), 303);
    const viewer = requireAdmin(c);
    c.header('Cache-Control', 'no-store');
    return c.html(
      mailAdminPage({
        viewer,
        csrf: c.get('csrf'),
        subscriptions: await subscriptionCounts(db),
        deliveries: await deliveryCounts(db),
        troubled: await troubledDeliveries(db, 100),
        jobs: await jobCounts(db),
        failedJobs: await recentFailedJobs(db, 30),
        nextRuns: await queuedPeriodicRuns(db),
        target: config.smtpUrl ? config.smtpUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : `${outboxDir(config)} (no SMTP server configured)`,
        message: c.req.query('done') === 'resent' ? 'The message is queued to be sent again.' : undefined,
      }).value,
    );
  });

  app.post('/admin/mail/deliveries/:id{[0-9]{1,12}}/resend', async (c) => {
    requireAdmin(c);
    if (!(await requeueDelivery(db, Number(c.req.param('id')), new Date().toISOString()))) throw notFound('no failed or uncertain delivery has that id');
    await queueDelivery(db);
    return c.redirect('/admin/mail?done=resent', 303);
  });
}
