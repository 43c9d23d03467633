// The two loops every dense computation in search runs: a dot product and a scaled add, unrolled by
// four (V8 keeps the partial sums in registers). Float32 and Float64 arrays get functions of their own
// on purpose: one function fed both kinds runs about 2.5× slower on each (measured on the SVD's axpy),
// which would more than double the model's training time.

/** a[ao..ao+n) · b[bo..bo+n). */
export function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, n: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let c = 0;
  for (; c + 3 < n; c += 4) {
    s0 += a[ao + c]! * b[bo + c]!;
    s1 += a[ao + c + 1]! * b[bo + c + 1]!;
    s2 += a[ao + c + 2]! * b[bo + c + 2]!;
    s3 += a[ao + c + 3]! * b[bo + c + 3]!;
  }
  for (; c < n; c++) s0 += a[ao + c]! * b[bo + c]!;
  return s0 + s1 + s2 + s3;
}

/** out[o..o+n) += v · x[xo..xo+n). */
export function axpy(out: Float32Array, o: number, v: number, x: Float32Array, xo: number, n: number): void {
  let c = 0;
  for (; c + 3 < n; c += 4) {
    out[o + c] = out[o + c]! + v * x[xo + c]!;
    out[o + c + 1] = out[o + c + 1]! + v * x[xo + c + 1]!;
    out[o + c + 2] = out[o + c + 2]! + v * x[xo + c + 2]!;
    out[o + c + 3] = out[o + c + 3]! + v * x[xo + c + 3]!;
  }
  for (; c < n; c++) out[o + c] = out[o + c]! + v * x[xo + c]!;
}

/** The same as axpy, for Float64 arrays (the SVD's). */
export function axpy64(out: Float64Array, o: number, v: number, x: Float64Array, xo: number, n: number): void {
  let c = 0;
  for (; c + 3 < n; c += 4) {
    out[o + c] = out[o + c]! + v * x[xo + c]!;
    out[o + c + 1] = out[o + c + 1]! + v * x[xo + c + 1]!;
    out[o + c + 2] = out[o + c + 2]! + v * x[xo + c + 2]!;
    out[o + c + 3] = out[o + c + 3]! + v * x[xo + c + 3]!;
  }
  for (; c < n; c++) out[o + c] = out[o + c]! + v * x[xo + c]!;
}
