// Plain-text wording shared by pages, e-mail and the terminal: counts, author lines, short dates.
// No markup here, so the CLI and mail can use it without depending on views/.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Jan 5, 2026" from a day or an ISO timestamp (its UTC day). */
export function shortDate(isoOrDay: string): string {
  const [y, m, d] = isoOrDay.slice(0, 10).split('-').map(Number);
  return `${MONTHS[m! - 1]} ${d}, ${y}`;
}

/** "A, B, C and 12 others" */
export function authorLine(names: string[], shown = 3): string {
  if (names.length <= shown + 1) return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} others`;
}

/** "1 paper", "1,200 papers"; `many` for words whose plural is not one + s. */
export function plural(n: number, one: string, many = one + 's'): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
