// How dates, names and counts read on the page: the headings' long dates here, and the plain-text
// helpers every view uses (shared with mail and the CLI, so they live in src/text.ts).
export { authorLine, plural, shortDate } from '../text.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const FULL_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function longDay(day: string): string {
  const date = new Date(day + 'T00:00:00Z');
  return `${WEEKDAYS[date.getUTCDay()]}, ${FULL_MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

export function monthName(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${FULL_MONTHS[m! - 1]} ${y}`;
}
