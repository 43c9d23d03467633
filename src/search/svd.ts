// Randomized truncated SVD (Halko, Martinsson & Tropp 2011) of a sparse square matrix, in plain
// double-precision JS. Deterministic: the random projection comes from a fixed seed.
import { gaussian } from './random.ts';
import { multiply, multiplyTransposed, type SparseMatrix } from './sparse.ts';

export interface Svd {
  /** Left singular vectors, n×k row-major. */
  u: Float64Array;
  /** Singular values, largest first. */
  s: Float64Array;
  k: number;
}

/**
 * Orthonormalises the k columns of an n×k row-major matrix in place by Cholesky QR, done twice for
 * accuracy (CholeskyQR2): two passes over the rows each time, far cheaper than Gram–Schmidt in JS.
 */
export function orthonormalize(a: Float64Array, n: number, k: number, passes = 2): void {
  for (let pass = 0; pass < passes; pass++) {
    const gram = new Float64Array(k * k);
    for (let r = 0; r < n; r++) {
      const o = r * k;
      for (let i = 0; i < k; i++) {
        const x = a[o + i]!;
        if (x === 0) continue;
        const g = i * k;
        for (let j = i; j < k; j++) gram[g + j]! += x * a[o + j]!;
      }
    }
    // Upper-triangular R with RᵀR = gram; a tiny ridge keeps it defined when columns are dependent.
    const rr = new Float64Array(k * k);
    let scale = 0;
    for (let i = 0; i < k; i++) scale = Math.max(scale, gram[i * k + i]!);
    for (let i = 0; i < k; i++) {
      let d = gram[i * k + i]! + 1e-12 * scale;
      for (let p = 0; p < i; p++) d -= rr[p * k + i]! ** 2;
      const dii = Math.sqrt(Math.max(d, 1e-300));
      rr[i * k + i] = dii;
      for (let j = i + 1; j < k; j++) {
        let x = gram[i * k + j]!;
        for (let p = 0; p < i; p++) x -= rr[p * k + i]! * rr[p * k + j]!;
        rr[i * k + j] = x / dii;
      }
    }
    // R⁻¹ (upper triangular, k×k: cheap), then each row a ← a · R⁻¹ walking R⁻¹ row by row (contiguous).
    const inv = new Float64Array(k * k);
    for (let j = k - 1; j >= 0; j--) {
      inv[j * k + j] = 1 / rr[j * k + j]!;
      for (let i = j - 1; i >= 0; i--) {
        let x = 0;
        for (let p = i + 1; p <= j; p++) x += rr[i * k + p]! * inv[p * k + j]!;
        inv[i * k + j] = -x / rr[i * k + i]!;
      }
    }
    const row = new Float64Array(k);
    for (let r = 0; r < n; r++) {
      const o = r * k;
      row.fill(0);
      for (let p = 0; p < k; p++) {
        const v = a[o + p]!;
        if (v === 0) continue;
        const ip = p * k;
        for (let j = p; j < k; j++) row[j] = row[j]! + v * inv[ip + j]!;
      }
      for (let j = 0; j < k; j++) a[o + j] = row[j]!;
    }
  }
}

/** Eigen-decomposition of a small symmetric matrix (cyclic Jacobi); eigenvectors are the columns. */
export function symmetricEigen(matrix: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) off += a[i * k + j]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * k + q]! - a[p * k + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p]!, arq = a[r * k + q]!;
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r]!, aqr = a[q * k + r]!;
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p]!, vrq = v[r * k + q]!;
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const values = new Float64Array(k);
  for (let i = 0; i < k; i++) values[i] = a[i * k + i]!;
  return { values, vectors: v };
}

/** The top `rank` singular triplets' left vectors and values of M. */
export function randomizedSvd(m: SparseMatrix, rank: number, options: { oversample?: number; powerIterations?: number; seed?: number } = {}): Svd {
  const n = m.n;
  const k = Math.min(n, rank + (options.oversample ?? 16));
  const random = gaussian(options.seed ?? 42);
  const omega = new Float64Array(n * k);
  for (let i = 0; i < omega.length; i++) omega[i] = random();
  let q = multiply(m, omega, k);
  orthonormalize(q, n, k, 1);
  for (let it = 0; it < (options.powerIterations ?? 1); it++) {
    // Intermediate bases only need to stay well-conditioned; one Cholesky pass does that.
    const z = multiplyTransposed(m, q, k);
    orthonormalize(z, n, k, 1);
    q = multiply(m, z, k);
    orthonormalize(q, n, k);
  }
  // B = Qᵀ M (k×n) is held as Bᵀ = Mᵀ Q (n×k); B Bᵀ (k×k) gives B's left vectors and squared values.
  const bt = multiplyTransposed(m, q, k);
  const gram = new Float64Array(k * k);
  for (let r = 0; r < n; r++) {
    const o = r * k;
    for (let i = 0; i < k; i++) {
      const x = bt[o + i]!;
      if (x === 0) continue;
      for (let j = i; j < k; j++) gram[i * k + j]! += x * bt[o + j]!;
    }
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) gram[i * k + j] = gram[j * k + i]!;
  const { values, vectors } = symmetricEigen(gram, k);
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => values[b]! - values[a]! || a - b);
  const out = Math.min(rank, k);
  // U = Q · W, W = the chosen eigenvectors (k×out).
  const w = new Float64Array(k * out);
  const s = new Float64Array(out);
  for (let c = 0; c < out; c++) {
    const e = order[c]!;
    s[c] = Math.sqrt(Math.max(values[e]!, 0));
    for (let j = 0; j < k; j++) w[j * out + c] = vectors[j * k + e]!;
  }
  const u = new Float64Array(n * out);
  for (let r = 0; r < n; r++) {
    const o = r * out;
    for (let j = 0; j < k; j++) {
      const x = q[r * k + j]!;
      const wo = j * out;
      for (let c = 0; c < out; c++) u[o + c]! += x * w[wo + c]!;
    }
  }
  // Fix each vector's sign (first clear component positive) so retraining gives identical vectors.
  for (let c = 0; c < out; c++) {
    let r = 0;
    while (r < n - 1 && Math.abs(u[r * out + c]!) < 1e-9) r++;
    if (u[r * out + c]! < 0) for (let i = 0; i < n; i++) u[i * out + c] = -u[i * out + c]!;
  }
  return { u, s, k: out };
}
