// When digests go out: daily at a configured UTC hour (optionally not on Saturday and Sunday, as
// Hugging Face does), weekly on a configured weekday at the same hour.
import type { Config } from '../config.ts';
import type { Cadence } from '../db/subscriptions.ts';

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

type ScheduleConfig = Pick<Config, 'digestHour' | 'digestSkipWeekends' | 'digestWeeklyDay'>;

/** The first digest time of a cadence strictly after `after`. */
export function nextDigestTime(after: Date, cadence: Cadence, config: ScheduleConfig): Date {
  const start = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate(), config.digestHour));
  for (let day = 0; day <= 8; day++) {
    const t = new Date(start.getTime() + day * 86_400_000);
    if (t.getTime() <= after.getTime()) continue;
    const weekday = t.getUTCDay();
    if (cadence === 'weekly' ? WEEKDAYS[weekday] === config.digestWeeklyDay : !(config.digestSkipWeekends && (weekday === 0 || weekday === 6))) return t;
  }
  throw new Error('unreachable: every week has a digest day');
}
