/**
 * Matrix norms the vanishing/exploding-gradient lessons show: the spectral norm ‖M‖₂ (largest
 * singular value) of a Jacobian, and the spectral radius (largest |eigenvalue|) of `Whh`.
 */

import { EngineError } from './errors';
import { matMul } from './linalg';

/** Largest eigenvalue of a symmetric n × n matrix by cyclic Jacobi rotations (destroys `A`). */
export function largestSymmetricEigenvalue(A: Float64Array, n: number): number {
	let scale = 0;
	for (let i = 0; i < n * n; i++) scale += A[i] * A[i];
	if (scale === 0) return 0;
	for (let sweep = 0; sweep < 100; sweep++) {
		let off = 0;
		for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p * n + q] * A[p * n + q];
		// Converged when what is left off the diagonal no longer changes the eigenvalues in float64.
		if (off <= 1e-34 * scale) break;
		for (let p = 0; p < n - 1; p++) {
			for (let q = p + 1; q < n; q++) {
				const apq = A[p * n + q];
				if (apq === 0) continue;
				// Rotation that zeroes A[p][q] (Numerical Recipes' stable form of tan θ).
				const theta = (A[q * n + q] - A[p * n + p]) / (2 * apq);
				const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
				const c = 1 / Math.sqrt(t * t + 1);
				const s = t * c;
				A[p * n + p] -= t * apq;
				A[q * n + q] += t * apq;
				A[p * n + q] = A[q * n + p] = 0;
				for (let k = 0; k < n; k++) {
					if (k === p || k === q) continue;
					const akp = A[k * n + p];
					const akq = A[k * n + q];
					A[k * n + p] = A[p * n + k] = c * akp - s * akq;
					A[k * n + q] = A[q * n + k] = s * akp + c * akq;
				}
			}
		}
	}
	let max = -Infinity;
	for (let i = 0; i < n; i++) max = Math.max(max, A[i * n + i]);
	return max;
}

/** Size above which `spectralNorm` switches from exact Jacobi to power iteration by default. */
export const EXACT_SPECTRAL_NORM_SIZE = 64;

/**
 * ‖M‖₂ for a rows × cols matrix (row-major). Up to `EXACT_SPECTRAL_NORM_SIZE` it takes the
 * largest eigenvalue of the smaller Gram matrix MᵀM or MMᵀ by Jacobi rotations (exact to
 * rounding); above it, power iteration on MᵀM until the estimate settles to 1e-13 (typically
 * 1e-12 accurate, cheaper by a factor of H for large H).
 */
export function spectralNorm(M: Float64Array, rows: number, cols: number, method: 'auto' | 'exact' | 'power' = 'auto'): number {
	const n = Math.min(rows, cols);
	if (n === 0) return 0;
	const exact = method === 'exact' || (method === 'auto' && n <= EXACT_SPECTRAL_NORM_SIZE);
	if (!exact) return powerNorm(M, rows, cols);
	const A = new Float64Array(n * n);
	if (cols <= rows) {
		// MᵀM (cols × cols)
		for (let r = 0; r < rows; r++) {
			const o = r * cols;
			for (let i = 0; i < cols; i++) {
				const m = M[o + i];
				if (m === 0) continue;
				for (let j = i; j < cols; j++) A[i * n + j] += m * M[o + j];
			}
		}
	} else {
		// MMᵀ (rows × rows)
		for (let i = 0; i < rows; i++) {
			for (let j = i; j < rows; j++) {
				let s = 0;
				for (let c = 0; c < cols; c++) s += M[i * cols + c] * M[j * cols + c];
				A[i * n + j] = s;
			}
		}
	}
	for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) A[i * n + j] = A[j * n + i];
	return Math.sqrt(Math.max(0, largestSymmetricEigenvalue(A, n)));
}

function powerNorm(M: Float64Array, rows: number, cols: number): number {
	const v = new Float64Array(cols);
	const u = new Float64Array(rows);
	// A fixed, non-special start vector keeps results reproducible.
	for (let j = 0; j < cols; j++) v[j] = 1 + 0.1 * Math.sin(j + 1);
	let estimate = 0;
	for (let iteration = 0; iteration < 20000; iteration++) {
		let vNorm = 0;
		for (let j = 0; j < cols; j++) vNorm += v[j] * v[j];
		vNorm = Math.sqrt(vNorm);
		if (vNorm === 0) return 0;
		for (let j = 0; j < cols; j++) v[j] /= vNorm;
		// u = M v, ‖u‖ is the current estimate; v = Mᵀ u
		let uNorm = 0;
		for (let r = 0; r < rows; r++) {
			let s = 0;
			for (let j = 0; j < cols; j++) s += M[r * cols + j] * v[j];
			u[r] = s;
			uNorm += s * s;
		}
		uNorm = Math.sqrt(uNorm);
		v.fill(0);
		for (let r = 0; r < rows; r++) {
			const a = u[r];
			for (let j = 0; j < cols; j++) v[j] += M[r * cols + j] * a;
		}
		if (Math.abs(uNorm - estimate) <= 1e-13 * uNorm) return uNorm;
		estimate = uNorm;
	}
	return estimate;
}

/**
 * Spectral radius max |λ| of a square matrix by Gelfand's formula ρ = lim ‖Wᵏ‖^(1/k), with k
 * doubled by squaring (and rescaled so nothing overflows) until the estimate settles. Works for
 * complex eigenvalue pairs, which plain power iteration does not.
 */
export function spectralRadius(W: Float64Array, n: number): number {
	if (W.length !== n * n) throw new EngineError('shape-mismatch', `spectralRadius needs an ${n} × ${n} matrix.`);
	let A = Float64Array.from(W);
	let B = new Float64Array(n * n);
	let logScale = 0;
	let power = 1;
	let estimate = NaN;
	for (let m = 0; m < 64; m++) {
		const norm = Math.sqrt(A.reduce((s, a) => s + a * a, 0));
		if (norm === 0) return 0;
		for (let i = 0; i < n * n; i++) A[i] /= norm;
		logScale += Math.log(norm) / power;
		// ρ ≈ ‖Wᵏ‖^(1/k); the logs are kept divided by k so they never overflow.
		const next = Math.exp(logScale);
		if (Math.abs(next - estimate) <= 1e-14 * next) return next;
		estimate = next;
		matMul(B, A, A, n);
		[A, B] = [B, A];
		power *= 2;
	}
	return estimate;
}
