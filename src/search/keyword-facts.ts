// What the search filters look at, per paper of the in-memory keyword index: publication day,
// categories, code, upvotes, daily listing. Kept current by the same change feed as the words, so
// a filtered search is answered without asking the database about every candidate.
import type { PaperFacts } from '../db/search-changes.ts';
import type { SearchFilters } from '../db/search.ts';

export interface FactParts {
  day: Int32Array;
  upvotes: Int32Array;
  /** Bit 1: has code; bit 2: on a daily list. */
  flags: Uint8Array;
  categories: string[];
}

const CODE = 1;
const LISTED = 2;
const dayNumber = (day: string) => Number(day.slice(0, 10).replace(/-/g, ''));

export class FactTable {
  constructor(private p: FactParts = { day: new Int32Array(1024), upvotes: new Int32Array(1024), flags: new Uint8Array(1024), categories: [] }) {}

  get parts(): FactParts {
    return this.p;
  }

  set(slot: number, f: PaperFacts): void {
    if (slot >= this.p.day.length) this.grow(Math.max(slot + 1, this.p.day.length * 2));
    this.p.day[slot] = f.day;
    this.p.upvotes[slot] = f.upvotes;
    this.p.flags[slot] = (f.code ? CODE : 0) | (f.listed ? LISTED : 0);
    this.p.categories[slot] = f.categories.toLowerCase();
  }

  /** Whether two papers' facts are the same (an unchanged paper need not be replaced). */
  equals(slot: number, f: PaperFacts): boolean {
    return this.p.day[slot] === f.day && this.p.upvotes[slot] === f.upvotes && this.p.categories[slot] === f.categories.toLowerCase() &&
      this.p.flags[slot] === ((f.code ? CODE : 0) | (f.listed ? LISTED : 0));
  }

  /** A test for the filters, as filterSql in the database has them. */
  matcher(f: SearchFilters): (slot: number) => boolean {
    const { day, upvotes, flags, categories } = this.p;
    const from = f.from ? dayNumber(f.from) : null;
    const to = f.to ? dayNumber(f.to) : null;
    // categories holds the stored JSON array (lower-cased), so this is SQLite's `like '%"cs.LG"%'`.
    const category = f.category ? JSON.stringify(f.category).toLowerCase() : null;
    return (s) =>
      (from === null || (day[s]! >= 0 && day[s]! >= from)) &&
      (to === null || (day[s]! >= 0 && day[s]! <= to)) &&
      (category === null || categories[s]!.includes(category)) &&
      (!f.hasCode || (flags[s]! & CODE) !== 0) &&
      (!f.minUpvotes || upvotes[s]! >= f.minUpvotes) &&
      (f.listed === undefined || ((flags[s]! & LISTED) !== 0) === f.listed);
  }

  private grow(capacity: number): void {
    const day = new Int32Array(capacity), upvotes = new Int32Array(capacity), flags = new Uint8Array(capacity);
    day.set(this.p.day), upvotes.set(this.p.upvotes), flags.set(this.p.flags);
    this.p = { day, upvotes, flags, categories: this.p.categories };
  }
}
