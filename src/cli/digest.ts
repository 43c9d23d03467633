// `paperboy digest [--cadence daily|weekly] [--dry-run] [--to EMAIL]`: composes the digests that are
// due and sends them, with whatever earlier runs left pending (retried at once, backoff or not).
import { parseArgs } from 'node:util';
import { countPending } from '../db/deliveries.ts';
import { activeSubscriptions, type Cadence } from '../db/subscriptions.ts';
import { createLogger } from '../log.ts';
import { normalizeAddress } from '../mail/address.ts';
import type { DigestPlan } from '../mail/compose.ts';
import { deliverPending } from '../mail/deliver.ts';
import { composeDigests } from '../mail/digests.ts';
import { plural } from '../text.ts';
import { CliError, openCheckedDatabase, type Command } from './context.ts';

function planLine(p: DigestPlan): string {
  const days = [...new Set(p.papers.map((x) => x.daily.day))].sort().join(', ');
  const s = p.subscription;
  const what = s.personal ? `${s.cadence} recommendations` : s.query ? `${s.cadence} alert "${s.query}"` : `${s.cadence} digest`;
  return `  ${what} → ${p.subscription.email}: ${plural(p.papers.length, 'paper')} (${days}), top: ${p.papers[0]!.title.replace(/\s+/g, " ")}\n`;
}

export const digestCommand: Command = {
  summary: 'compose and send the e-mail digests that are due',
  usage: 'digest [--cadence daily|weekly] [--dry-run] [--to EMAIL]',
  async run(args, config) {
    const { values } = parseArgs({ args, options: { cadence: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, to: { type: 'string' } } });
    if (values.cadence !== undefined && values.cadence !== 'daily' && values.cadence !== 'weekly') {
      throw new CliError(`--cadence must be daily or weekly, not "${values.cadence}"`, 2);
    }
    const email = values.to === undefined ? undefined : normalizeAddress(values.to);
    if (email === null) throw new CliError(`--to must be an e-mail address, not "${values.to}"`, 2);
    const cadences: Cadence[] = values.cadence ? [values.cadence as Cadence] : ['daily', 'weekly'];
    const dryRun = values['dry-run'];
    const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
    const db = await openCheckedDatabase(config);
    try {
      if (email) {
        const known = (await Promise.all(cadences.map((c) => activeSubscriptions(db, c, email)))).flat().length + (await countPending(db, email));
        if (!known) throw new CliError(`${email} has no confirmed ${values.cadence ?? ''} subscription and nothing pending`.replace('  ', ' '));
      }
      let composed = 0;
      for (const cadence of cadences) {
        const result = await composeDigests({ db, config }, { cadence, email, dryRun });
        composed += result.plans.length;
        const newest = result.newestDay ? `, newest list ${result.newestDay}` : '';
        process.stdout.write(`${cadence}: ${plural(result.plans.length, 'new digest')} for ${plural(result.subscriptions, 'subscription')}${newest}\n`);
        if (dryRun) for (const p of result.plans) process.stdout.write(planLine(p));
      }
      if (dryRun) {
        const pending = await countPending(db, email);
        process.stdout.write(`dry run: nothing was recorded or sent${pending ? `; ${plural(pending, 'earlier message')} would be retried` : ''}\n`);
        return 0;
      }
      const report = await deliverPending({ db, config, log }, { ignoreBackoff: true, email });
      const sent = `sent ${plural(report.sent, 'message')} to ${report.target}`;
      process.stdout.write(`${sent}${report.cancelled ? ` (${report.cancelled} cancelled: unsubscribed or emptied)` : ''}\n`);
      if (report.uncertain) {
        process.stderr.write(`warning: ${plural(report.uncertain, 'message was', 'messages were')} interrupted mid-send by an earlier run and not sent again, to avoid duplicates (see /admin/mail)\n`);
      }
      if (report.failed) process.stderr.write(`warning: the mail server refused ${plural(report.failed, 'message')} for good (see /admin/mail)\n`);
      if (report.temporaryError) {
        const waiting = await countPending(db, email);
        throw new CliError(
          `could not deliver through ${report.target}: ${report.temporaryError}. ${plural(waiting, 'message')} stay queued: ` +
            `the next \`paperboy digest\` sends them at once, \`paperboy serve\` retries with backoff`,
          75,
        );
      }
      if (!composed && !report.sent) process.stdout.write('nothing new to send\n');
    } finally {
      await db.close();
    }
  },
};
