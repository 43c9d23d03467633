// Growable storage beside the keyword index: posting lists of papers added since the build, and the
// per-paper working arrays of a ranking (reused between searches; stamps tell what is current).
import { FIELDS } from './keyword-terms.ts';

const NF = FIELDS.length;

/** One term's postings among papers added since the build (typed arrays: a big import can add many). */
export class Extra {
  docs = new Int32Array(4);
  counts = new Uint8Array(4 * NF);
  size = 0;

  push(slot: number, counts: readonly number[], at: number): void {
    if (this.size === this.docs.length) {
      const docs = new Int32Array(this.size * 2), c = new Uint8Array(this.size * 2 * NF);
      docs.set(this.docs), c.set(this.counts);
      this.docs = docs, this.counts = c;
    }
    this.docs[this.size] = slot;
    for (let f = 0; f < NF; f++) this.counts[this.size * NF + f] = counts[at + f]!;
    this.size++;
  }
}

/** Per-paper working arrays of a ranking, reused between searches (stamps say what is current). */
export class Scratch {
  acc: Float32Array;
  tf: Float32Array;
  stamp: Uint32Array;
  unit: Uint32Array;
  all: Uint8Array;
  any: Uint8Array;
  touched: Int32Array;
  private counter = 0;

  constructor(n: number) {
    this.acc = new Float32Array(n);
    this.tf = new Float32Array(n * NF);
    this.stamp = new Uint32Array(n);
    this.unit = new Uint32Array(n);
    this.all = new Uint8Array(n);
    this.any = new Uint8Array(n);
    this.touched = new Int32Array(n);
  }

  fit(n: number): Scratch {
    return this.acc.length >= n ? this : new Scratch(Math.ceil(n * 1.25) + 64);
  }

  next(): number {
    return ++this.counter;
  }
}
