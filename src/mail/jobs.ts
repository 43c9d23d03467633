// The mail module's job kinds: composing a cadence's digests, and sending whatever is pending.
import { deleteOldDeliveries, nextPendingTime } from '../db/deliveries.ts';
import type { Db } from '../db/driver.ts';
import { enqueue, type JobKind } from '../jobs/queue.ts';
import { deliverPending } from './deliver.ts';
import { composeDigests } from './digests.ts';

/** Finished deliveries are kept this long (for /admin/mail), far past the seven-day digest window. */
export const KEEP_DELIVERIES_DAYS = 60;

/** Asks the runner to send what is pending (one waiting request at a time). */
export async function queueDelivery(db: Db, runAt?: Date): Promise<void> {
  await enqueue(db, 'mail.deliver', {}, { runAt, dedupeKey: 'mail.deliver' });
}

export const mailJobKinds: Record<string, JobKind> = {
  'digest.compose': {
    async run(payload: { cadence: 'daily' | 'weekly' }, ctx) {
      const result = await composeDigests(ctx, { cadence: payload.cadence });
      ctx.log.info({ cadence: payload.cadence, digests: result.plans.length, day: result.newestDay }, 'digests composed');
      await queueDelivery(ctx.db);
    },
  },
  'mail.prune': {
    async run(_payload, { db, log }) {
      const n = await deleteOldDeliveries(db, new Date(Date.now() - KEEP_DELIVERIES_DAYS * 86_400_000).toISOString());
      if (n) log.info({ deliveries: n }, 'old deliveries forgotten');
    },
  },
  'mail.deliver': {
    leaseMs: 30 * 60_000,
    async run(_payload, ctx) {
      const report = await deliverPending(ctx, { onBatch: ctx.heartbeat });
      if (report.sent || report.failed || report.retrying) ctx.log.info({ ...report }, 'mail delivered');
      const next = await nextPendingTime(ctx.db);
      if (next) await queueDelivery(ctx.db, new Date(next));
    },
  },
};
