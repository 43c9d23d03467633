import { describe, expect, it } from 'vitest';
import { addDays, isoWeekOf, parseDay, parseMonth, parseWeek, periodContaining, shiftPeriod } from './dates.ts';

describe('days', () => {
  it('accepts real calendar days only', () => {
    expect(parseDay('2025-08-05')).toBe('2025-08-05');
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    expect(parseDay('2025-02-29')).toBeNull();
    expect(parseDay('2025-02-30')).toBeNull();
    expect(parseDay('2025-13-01')).toBeNull();
    expect(parseDay('2025-8-5')).toBeNull();
    expect(parseDay('yesterday')).toBeNull();
  });

  it('adds days across months and years', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('ISO weeks', () => {
  it('numbers weeks as ISO 8601 does', () => {
    expect(isoWeekOf('2025-08-05')).toBe('2025-W32');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01'); // Monday of week 1 of 2025
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53'); // Sunday still in 2020's week 53
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
  });

  it('turns a week into Monday…Sunday', () => {
    expect(parseWeek('2025-W32')).toEqual({ kind: 'week', label: '2025-W32', from: '2025-08-04', to: '2025-08-10' });
    expect(parseWeek('2020-W53')).toEqual({ kind: 'week', label: '2020-W53', from: '2020-12-28', to: '2021-01-03' });
    expect(parseWeek('2025-W53')).toBeNull(); // 2025 has 52 weeks
    expect(parseWeek('2025-W00')).toBeNull();
    expect(parseWeek('2025-32')).toBeNull();
  });
});

describe('months and moving between periods', () => {
  it('knows month lengths', () => {
    expect(parseMonth('2024-02')).toEqual({ kind: 'month', label: '2024-02', from: '2024-02-01', to: '2024-02-29' });
    expect(parseMonth('2025-13')).toBeNull();
  });

  it('shifts to the neighbouring period of the same kind', () => {
    expect(shiftPeriod(parseMonth('2025-12')!, 1).label).toBe('2026-01');
    expect(shiftPeriod(parseWeek('2025-W01')!, -1).label).toBe('2024-W52');
    expect(periodContaining('week', '2025-08-10').label).toBe('2025-W32');
    expect(periodContaining('month', '2025-08-10').from).toBe('2025-08-01');
  });
});
