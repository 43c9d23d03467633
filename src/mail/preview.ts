// A subscriber's next digest as it would be sent now, without recording anything (the settings
// preview). Same planning and rendering as a real run.
import type { Config } from '../config.ts';
import { deliveredPapers } from '../db/deliveries.ts';
import type { Db } from '../db/driver.ts';
import { queryKey, type Subscription } from '../db/subscriptions.ts';
import { planDigest } from './compose.ts';
import { digestCandidates } from './digests.ts';
import { digestMail, type OutgoingMail } from './message.ts';
import { draftPersonalDigests } from './personal.ts';

export async function previewDigest(deps: { db: Db; config: Config }, s: Subscription, now = new Date()): Promise<OutgoingMail | null> {
  const c = await digestCandidates(deps.db, [s]);
  if (!c) return null;
  let plan;
  if (s.personal) [plan] = await draftPersonalDigests(deps.db, [s], c, now);
  else {
    const sent = (await deliveredPapers(deps.db, [s.id], c.papers.map((p) => p.id))).get(s.id) ?? new Set<string>();
    plan = planDigest(s, c.papers, sent, s.query ? c.matches.get(queryKey(s.query))! : null, c.newestDay, now);
  }
  if (!plan) return null;
  return digestMail(deps.config, { messageId: '<preview@paperboy>', params: plan.params }, s, plan.papers.map((p) => ({ ...p, day: p.daily.day })));
}
