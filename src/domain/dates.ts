// Calendar periods the lists are browsed by: a day (YYYY-MM-DD), an ISO week (YYYY-Www), a month (YYYY-MM).
// All dates are UTC calendar dates held as strings; no time zones leak in.

export interface Period {
  kind: 'day' | 'week' | 'month';
  /** The canonical label: 2025-08-05, 2025-W32, 2025-08. */
  label: string;
  /** First and last day, inclusive. */
  from: string;
  to: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

const MS_PER_DAY = 86_400_000;

export function dayString(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function utc(y: number, m: number, d: number): Date {
  const date = new Date(Date.UTC(y, m - 1, d));
  date.setUTCFullYear(y); // years below 100 would otherwise map to 19xx
  return date;
}

export function addDays(day: string, n: number): string {
  return dayString(new Date(Date.parse(day + 'T00:00:00Z') + n * MS_PER_DAY));
}

/** A real calendar day (2025-02-30 is not), or null. */
export function parseDay(text: string): string | null {
  const m = DAY.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = utc(y, mo, d);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return text;
}

export function dayPeriod(day: string): Period {
  return { kind: 'day', label: day, from: day, to: day };
}

/** ISO 8601 week: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeekOf(day: string): string {
  const date = new Date(day + 'T00:00:00Z');
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(date.getTime() + (3 - weekday) * MS_PER_DAY);
  const year = thursday.getUTCFullYear();
  const firstThursday = utc(year, 1, 4);
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() + 6) % 7) * MS_PER_DAY;
  const week = 1 + Math.round((thursday.getTime() - 3 * MS_PER_DAY - firstMonday) / (7 * MS_PER_DAY));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function parseWeek(text: string): Period | null {
  const m = WEEK.exec(text);
  if (!m) return null;
  const [year, week] = [Number(m[1]), Number(m[2])];
  if (week < 1 || week > 53) return null;
  const jan4 = utc(year, 1, 4);
  const monday = dayString(new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * MS_PER_DAY + (week - 1) * 7 * MS_PER_DAY));
  if (isoWeekOf(monday) !== text) return null; // week 53 of a 52-week year
  return { kind: 'week', label: text, from: monday, to: addDays(monday, 6) };
}

export function parseMonth(text: string): Period | null {
  const m = MONTH.exec(text);
  if (!m) return null;
  const [year, month] = [Number(m[1]), Number(m[2])];
  if (month < 1 || month > 12) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { kind: 'month', label: text, from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}` };
}

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The period just before or after, of the same kind. */
export function shiftPeriod(p: Period, direction: -1 | 1): Period {
  if (p.kind === 'day') return dayPeriod(addDays(p.from, direction));
  if (p.kind === 'week') return parseWeek(isoWeekOf(addDays(p.from, 7 * direction)))!;
  const anchor = direction === 1 ? addDays(p.to, 1) : addDays(p.from, -1);
  return parseMonth(monthOf(anchor))!;
}

/** The period of a kind that contains a day. */
export function periodContaining(kind: Period['kind'], day: string): Period {
  if (kind === 'day') return dayPeriod(day);
  if (kind === 'week') return parseWeek(isoWeekOf(day))!;
  return parseMonth(monthOf(day))!;
}

/** arXiv opened in August 1991: no paper, so no list, comes from an earlier year. */
export const FIRST_YEAR = 1991;

/**
 * Why no list can exist for a period: it lies before arXiv, or it has not begun yet. Tomorrow (UTC)
 * still counts as begun, since somewhere on Earth it already is and lists are dated in UTC.
 */
export function periodOutOfReach(p: Period, today: string): { when: 'before' | 'future'; message: string } | null {
  const what = p.kind === 'day' ? 'a day' : `a ${p.kind}`;
  if (Number(p.to.slice(0, 4)) < FIRST_YEAR) return { when: 'before', message: `${p.label} is before arXiv began (${FIRST_YEAR}); there are no lists for ${what} that early` };
  if (p.from > addDays(today, 1)) return { when: 'future', message: `no list for ${what} that has not come: ${p.label} is after ${addDays(today, 1)}` };
  return null;
}
