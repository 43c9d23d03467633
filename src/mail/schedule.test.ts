// When digests go out, at fixed instants.
import { describe, expect, it } from 'vitest';
import { nextDigestTime } from './schedule.ts';

const config = { digestHour: 7, digestSkipWeekends: true, digestWeeklyDay: 'monday' as const };
const next = (iso: string, cadence: 'daily' | 'weekly' = 'daily', c = config) => nextDigestTime(new Date(iso), cadence, c).toISOString();

describe('nextDigestTime', () => {
  it('is today at the hour when it has not come yet, else tomorrow', () => {
    expect(next('2025-08-05T06:59:59Z')).toBe('2025-08-05T07:00:00.000Z'); // Tuesday
    expect(next('2025-08-05T07:00:00Z')).toBe('2025-08-06T07:00:00.000Z');
  });

  it('skips Saturday and Sunday when told to', () => {
    expect(next('2025-08-08T08:00:00Z')).toBe('2025-08-11T07:00:00.000Z'); // Friday → Monday
    expect(next('2025-08-08T08:00:00Z', 'daily', { ...config, digestSkipWeekends: false })).toBe('2025-08-09T07:00:00.000Z');
  });

  it('sends weekly digests on the configured weekday', () => {
    expect(next('2025-08-05T12:00:00Z', 'weekly')).toBe('2025-08-11T07:00:00.000Z');
    expect(next('2025-08-11T06:00:00Z', 'weekly')).toBe('2025-08-11T07:00:00.000Z');
    expect(next('2025-08-11T07:00:00Z', 'weekly', { ...config, digestWeeklyDay: 'sunday' as never, digestHour: 23 })).toBe('2025-08-17T23:00:00.000Z');
  });
});
