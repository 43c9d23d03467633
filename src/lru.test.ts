import { describe, expect, it } from 'vitest';
import { Lru } from './lru.ts';

describe('Lru', () => {
  it('keeps the most recently used entries and drops the ones unused for longest', () => {
    const lru = new Lru<number, number>(3);
    for (let i = 0; i < 3; i++) lru.set(i, i * 10);
    expect(lru.get(0)).toBe(0); // used again: more recent than 1 and 2
    lru.set(3, 30);
    lru.set(4, 40);
    // The three most recently used are 4, 3 and 0.
    expect([lru.get(4), lru.get(3), lru.get(0)]).toEqual([40, 30, 0]);
    expect(lru.get(1)).toBeUndefined();
    expect(lru.get(2)).toBeUndefined();
  });

  it('never holds more than twice its size, however many are added', () => {
    const lru = new Lru<number, number>(100);
    for (let i = 0; i < 10_000; i++) {
      lru.set(i, i);
      expect(lru.size).toBeLessThanOrEqual(200);
    }
    // The last `max` are always there.
    for (let i = 9_900; i < 10_000; i++) expect(lru.get(i)).toBe(i);
  });

  it('replaces a value without growing, and forgets on delete', () => {
    const lru = new Lru<string, number>(4);
    lru.set('a', 1);
    lru.set('a', 5);
    expect(lru.size).toBe(1);
    expect(lru.get('a')).toBe(5);
    lru.delete('a');
    expect(lru.get('a')).toBeUndefined();
  });

  it('refuses a size that holds nothing', () => {
    expect(() => new Lru(0)).toThrow(/at least one entry/);
  });
});
