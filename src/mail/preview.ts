// A subscriber's next digest as it would be sent now, without recording anything (the settings
// preview). Same planning and rendering as a real run; for a personal digest with new papers but none
// relevant enough, what was considered instead.
import type { Config } from '../config.ts';
import { deliveredPapers } from '../db/deliveries.ts';
import type { Db } from '../db/driver.ts';
import { queryKey, type Subscription } from '../db/subscriptions.ts';
import { planDigest } from './compose.ts';
import { digestCandidates } from './digests.ts';
import { digestMail, type OutgoingMail } from './message.ts';
import { draftPersonalDigest, type NoneClose } from './personal.ts';

type Deps = { db: Db; config: Config };

export async function previewDigest(deps: Deps, s: Subscription, now = new Date()): Promise<OutgoingMail | null> {
  const next = await previewNext(deps, s, now);
  return next && 'noneClose' in next ? null : next;
}

/** The next digest, or why a personal one with new papers has none close enough, or null. */
export async function previewNext(deps: Deps, s: Subscription, now = new Date()): Promise<OutgoingMail | { noneClose: NoneClose } | null> {
  const c = await digestCandidates(deps.db, [s]);
  if (!c) return null;
  let plan;
  if (s.personal) {
    const draft = await draftPersonalDigest(deps.db, s, c, now);
    if (draft && 'noneClose' in draft) return draft;
    plan = draft;
  } else {
    const sent = (await deliveredPapers(deps.db, [s.id], c.papers.map((p) => p.id))).get(s.id) ?? new Set<string>();
    plan = planDigest(s, c.papers, sent, s.query ? c.matches.get(queryKey(s.query))! : null, c.newestDay, now);
  }
  if (!plan) return null;
  return digestMail(deps.config, { messageId: '<preview@paperboy>', params: plan.params }, s, plan.papers.map((p) => ({ ...p, day: p.daily.day })));
}
