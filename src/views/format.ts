// How dates, names and counts read on the page.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const FULL_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function shortDate(isoOrDay: string): string {
  const [y, m, d] = isoOrDay.slice(0, 10).split('-').map(Number);
  return `${MONTHS[m! - 1]} ${d}, ${y}`;
}

export function longDay(day: string): string {
  const date = new Date(day + 'T00:00:00Z');
  return `${WEEKDAYS[date.getUTCDay()]}, ${FULL_MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

export function monthName(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${FULL_MONTHS[m! - 1]} ${y}`;
}

/** "A, B, C and 12 others" */
export function authorLine(names: string[], shown = 3): string {
  if (names.length <= shown + 1) return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} others`;
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
