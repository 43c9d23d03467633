import { describe, expect, it } from 'vitest';
import { authorLine, plural, shortDate } from './text.ts';

describe('plain-text wording', () => {
  it('counts with thousands separators and the right form', () => {
    expect(plural(1, 'paper')).toBe('1 paper');
    expect(plural(0, 'paper')).toBe('0 papers');
    expect(plural(1200, 'paper')).toBe('1,200 papers');
    expect(plural(2, 'message was', 'messages were')).toBe('2 messages were');
  });

  it('names up to four authors and counts the rest', () => {
    expect(authorLine([])).toBe('');
    expect(authorLine(['Ada'])).toBe('Ada');
    expect(authorLine(['Ada', 'Alan'])).toBe('Ada and Alan');
    expect(authorLine(['A', 'B', 'C', 'D'])).toBe('A, B, C and D');
    expect(authorLine(['A', 'B', 'C', 'D', 'E', 'F'])).toBe('A, B, C and 3 others');
  });

  it('dates a day or a timestamp by its UTC day', () => {
    expect(shortDate('2026-01-05')).toBe('Jan 5, 2026');
    expect(shortDate('2025-12-31T23:59:00.000Z')).toBe('Dec 31, 2025');
  });
});
