// Rows of floats kept in WebAssembly memory, scanned with SIMD: the dot product of one query with
// every row, several times faster than a JavaScript loop; and the same rows as bytes (each scaled to
// ±127), a quarter of the memory to read, for a first pass. Where WebAssembly SIMD is missing, or a
// row's length is not a multiple of 16, floats are scanned in JavaScript and there are no byte rows.
import { dot } from './vector-math.ts';

/**
 * The module (557 bytes), as WebAssembly text:
 *   (module (import "env" "memory" (memory 1))
 *     (func (export "dots") (param $rows i32) (param $n i32) (param $dims i32) (param $q i32) (param $out i32)
 *       ;; for i in 0..n: out[i] = dot(rows[i], q) in f32; 64 bytes per step into four f32x4
 *       ;; accumulators (f32x4.mul, f32x4.add), summed lane by lane at the end.
 *     (func (export "dots8") (param $rows i32) (param $n i32) (param $dims i32) (param $q i32) (param $out i32)
 *       ;; the same over int8 rows and an int16 query into i32: 16 bytes per step, widened with
 *       ;; i16x8.extend_low/high_i8x16_s and summed with i32x4.dot_i16x8_s and i32x4.add.
 *   ))
 */
const MODULE = 'AGFzbQEAAAABCQFgBX9/f39/AAIPAQNlbnYGbWVtb3J5AgABAwMCAAAHEAIEZG90cwAABWRvdHM4AAEK7wMCugICA38EeyACQQRsIQcCQANAIAUgAU8NAf0MAAAAAAAAAAAAAAAAAAAAACEI/QwAAAAAAAAAAAAAAAAAAAAAIQn9DAAAAAAAAAAAAAAAAAAAAAAhCv0MAAAAAAAAAAAAAAAAAAAAACELQQAhBgJAA0AgBiAHTw0BIAggACAGav0ABAAgAyAGav0ABAD95gH95AEhCCAJIAAgBmr9AAQQIAMgBmr9AAQQ/eYB/eQBIQkgCiAAIAZq/QAEICADIAZq/QAEIP3mAf3kASEKIAsgACAGav0ABDAgAyAGav0ABDD95gH95AEhCyAGQcAAaiEGDAALCyAIIAn95AEgCv3kASAL/eQBIQggBCAFQQJ0aiAI/R8AIAj9HwGSIAj9HwKSIAj9HwOSOAIAIAAgB2ohACAFQQFqIQUMAAsLC7ABAgJ/AnsCQANAIAUgAU8NAf0MAAAAAAAAAAAAAAAAAAAAACEHQQAhBgJAA0AgBiACTw0BIAAgBmr9AAQAIQggByAI/YcBIAMgBkEBdGr9AAQA/boB/a4BIAj9iAEgAyAGQQF0av0ABBD9ugH9rgEhByAGQRBqIQYMAAsLIAQgBUECdGogB/0bACAH/RsBaiAH/RsCaiAH/RsDajYCACAAIAJqIQAgBUEBaiEFDAALCws=';

let compiled: WebAssembly.Module | null | undefined;
function simd(): WebAssembly.Module | null {
  if (compiled === undefined) {
    const bytes = Buffer.from(MODULE, 'base64');
    compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  return compiled;
}

const PAGE = 65_536;

type Dots = (rows: number, n: number, dims: number, q: number, out: number) => void;

/** A memory of `bytes` bytes with the module on it, or null without SIMD. */
function instance(dims: number, bytes: number): { memory: WebAssembly.Memory; exports: { dots: Dots; dots8: Dots } } | null {
  const module = dims % 16 === 0 ? simd() : null;
  if (!module) return null;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / PAGE) });
  return { memory, exports: new WebAssembly.Instance(module, { env: { memory } }).exports as { dots: Dots; dots8: Dots } };
}

export class Rows {
  /** Every row, row after row (a view into the module's memory when SIMD is used). */
  data: Float32Array;
  private scores: Float32Array;
  private query: Float32Array | null = null;
  private dots: Dots | null = null;
  private offsets = { q: 0, out: 0, rows: 0 };

  constructor(readonly dims: number, public capacity: number) {
    // Query, then scores, then rows, each on a 16-byte boundary.
    const q = 0, out = align(dims * 4), rows = out + align(capacity * 4);
    const wasm = instance(dims, rows + capacity * dims * 4);
    if (!wasm) {
      this.data = new Float32Array(capacity * dims);
      this.scores = new Float32Array(capacity);
      return;
    }
    this.dots = wasm.exports.dots;
    this.offsets = { q, out, rows };
    this.query = new Float32Array(wasm.memory.buffer, q, dims);
    this.scores = new Float32Array(wasm.memory.buffer, out, capacity);
    this.data = new Float32Array(wasm.memory.buffer, rows, capacity * dims);
  }

  /** Rows with room for at least `capacity`, holding these rows' first `used` rows. */
  grown(capacity: number, used: number): Rows {
    const next = new Rows(this.dims, capacity);
    next.data.set(this.data.subarray(0, used * this.dims));
    return next;
  }

  /** Each of the first n rows' dot product with q; a view that the next scan overwrites. */
  scan(q: Float32Array, n: number): Float32Array {
    const dims = this.dims;
    if (this.dots) {
      this.query!.set(q.subarray(0, dims));
      this.dots(this.offsets.rows, n, dims, this.offsets.q, this.offsets.out);
      return this.scores.subarray(0, n);
    }
    for (let r = 0; r < n; r++) this.scores[r] = dot(this.data, r * dims, q, 0, dims);
    return this.scores.subarray(0, n);
  }
}

/**
 * Rows as bytes: each row scaled so its largest value is ±127, the query to ±32,767, their dot
 * products summed exactly in integers and scaled back — close to the float ones (within about 1%
 * of a row's length), good for choosing which rows to score in full.
 */
export class ByteRows {
  private data: Int8Array;
  /** Each row's scale back to floats. */
  private scale: Float32Array;
  private query: Int16Array;
  private sums: Int32Array;
  private scores: Float32Array;
  private dots: Dots;
  private offsets: { q: number; out: number; rows: number };

  /** Byte rows, or null where SIMD or the row length does not allow them. */
  static create(dims: number, capacity: number): ByteRows | null {
    const q = 0, out = align(dims * 2), rows = out + align(capacity * 4);
    const wasm = instance(dims, rows + capacity * dims);
    return wasm ? new ByteRows(dims, capacity, wasm.memory, wasm.exports.dots8, { q, out, rows }) : null;
  }

  private constructor(readonly dims: number, readonly capacity: number, memory: WebAssembly.Memory, dots: Dots, offsets: { q: number; out: number; rows: number }) {
    this.dots = dots;
    this.offsets = offsets;
    this.query = new Int16Array(memory.buffer, offsets.q, dims);
    this.sums = new Int32Array(memory.buffer, offsets.out, capacity);
    this.data = new Int8Array(memory.buffer, offsets.rows, capacity * dims);
    this.scale = new Float32Array(capacity);
    this.scores = new Float32Array(capacity);
  }

  grown(capacity: number, used: number): ByteRows {
    const next = ByteRows.create(this.dims, capacity)!;
    next.data.set(this.data.subarray(0, used * this.dims));
    next.scale.set(this.scale.subarray(0, used));
    return next;
  }

  set(row: number, v: Float32Array): void {
    const max = v.reduce((m, x) => Math.max(m, Math.abs(x)), 0) || 1;
    for (let c = 0; c < this.dims; c++) this.data[row * this.dims + c] = Math.round((v[c]! * 127) / max);
    this.scale[row] = max / 127;
  }

  /** Each of the first n rows' approximate dot product with q; a view that the next scan overwrites. */
  scan(q: Float32Array, n: number): Float32Array {
    const max = q.reduce((m, x) => Math.max(m, Math.abs(x)), 0) || 1;
    for (let c = 0; c < this.dims; c++) this.query[c] = Math.round((q[c]! * 32_767) / max);
    this.dots(this.offsets.rows, n, this.dims, this.offsets.q, this.offsets.out);
    const back = max / 32_767;
    const { sums, scale, scores } = this;
    for (let r = 0; r < n; r++) scores[r] = sums[r]! * scale[r]! * back;
    return scores.subarray(0, n);
  }
}

const align = (bytes: number) => Math.ceil(bytes / 16) * 16;
