/**
 * The numeric kernels every cell uses, over flat row-major `Float64Array`s addressed by offsets.
 *
 * Why offsets instead of `subarray` views: a view is an object allocation, and the hot loops run
 * a few hundred thousand times per second on small networks. Why 4 rows per pass: each loaded
 * input number is used four times, which on V8 roughly doubles mat-vec speed over a plain dot
 * product loop. The batched kernels (`projectSteps`, `accumulateOuter`, `backpropSteps`) handle
 * everything that does not depend on the previous step in one go after or before the recurrence,
 * so their inner loops reuse registers across several time steps.
 *
 * Shapes: a matrix `W` of `rows × cols` at offset `w` holds `W[r][c]` at `w + r * cols + c`. A
 * sequence of vectors `X` (one per step) holds step t's element c at `x + t * xs + c`
 * (`xs` is its stride, usually the vector's length).
 */

/** out[o + r] += Σ_c W[r][c] · x[xo + c] — the recurrent product `Whh h_{t-1}`. */
export function matVecAdd(
	out: Float64Array, o: number,
	W: Float64Array, w: number, rows: number, cols: number,
	x: Float64Array, xo: number
): void {
	let r = 0;
	for (; r + 3 < rows; r += 4) {
		const w0 = w + r * cols, w1 = w0 + cols, w2 = w1 + cols, w3 = w2 + cols;
		let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
		for (let c = 0; c < cols; c++) {
			const xc = x[xo + c];
			s0 += W[w0 + c] * xc;
			s1 += W[w1 + c] * xc;
			s2 += W[w2 + c] * xc;
			s3 += W[w3 + c] * xc;
		}
		out[o + r] += s0;
		out[o + r + 1] += s1;
		out[o + r + 2] += s2;
		out[o + r + 3] += s3;
	}
	for (; r < rows; r++) {
		const wr = w + r * cols;
		let s = 0;
		for (let c = 0; c < cols; c++) s += W[wr + c] * x[xo + c];
		out[o + r] += s;
	}
}

/** out[o + c] = Σ_r W[r][c] · d[d0 + r] — the transposed product `Wᵀ δ` that carries gradient back a step. */
export function matTVec(
	out: Float64Array, o: number,
	W: Float64Array, w: number, rows: number, cols: number,
	d: Float64Array, d0: number
): void {
	out.fill(0, o, o + cols);
	matTVecAdd(out, o, W, w, rows, cols, d, d0);
}

/** out[o + c] += Σ_r W[r][c] · d[d0 + r], reading four rows of W per pass over `out`. */
export function matTVecAdd(
	out: Float64Array, o: number,
	W: Float64Array, w: number, rows: number, cols: number,
	d: Float64Array, d0: number
): void {
	let r = 0;
	for (; r + 3 < rows; r += 4) {
		const a0 = d[d0 + r], a1 = d[d0 + r + 1], a2 = d[d0 + r + 2], a3 = d[d0 + r + 3];
		// Steps without a target send back exact zeros; skipping them is free and common.
		if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
		const w0 = w + r * cols, w1 = w0 + cols, w2 = w1 + cols, w3 = w2 + cols;
		for (let c = 0; c < cols; c++) {
			out[o + c] += W[w0 + c] * a0 + W[w1 + c] * a1 + W[w2 + c] * a2 + W[w3 + c] * a3;
		}
	}
	for (; r < rows; r++) {
		const a = d[d0 + r];
		if (a === 0) continue;
		const wr = w + r * cols;
		for (let c = 0; c < cols; c++) out[o + c] += W[wr + c] * a;
	}
}

/**
 * Z[t][r] = b[r] + Σ_c W[r][c] · X[t][c] for every step: the input half of every gate's
 * pre-activation, computed for all steps before the recurrence starts. Two steps × four rows
 * per pass.
 */
export function projectSteps(
	Z: Float64Array, z: number, zs: number,
	W: Float64Array, w: number, rows: number, cols: number,
	b: Float64Array, bo: number,
	X: Float64Array, x: number, xs: number,
	steps: number
): void {
	let t = 0;
	for (; t + 1 < steps; t += 2) {
		const x0 = x + t * xs, x1 = x0 + xs, z0 = z + t * zs, z1 = z0 + zs;
		let r = 0;
		for (; r + 3 < rows; r += 4) {
			const w0 = w + r * cols, w1 = w0 + cols, w2 = w1 + cols, w3 = w2 + cols;
			let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
			for (let c = 0; c < cols; c++) {
				const p = X[x0 + c], q = X[x1 + c];
				const v0 = W[w0 + c], v1 = W[w1 + c], v2 = W[w2 + c], v3 = W[w3 + c];
				s00 += v0 * p; s01 += v1 * p; s02 += v2 * p; s03 += v3 * p;
				s10 += v0 * q; s11 += v1 * q; s12 += v2 * q; s13 += v3 * q;
			}
			Z[z0 + r] = b[bo + r] + s00; Z[z0 + r + 1] = b[bo + r + 1] + s01;
			Z[z0 + r + 2] = b[bo + r + 2] + s02; Z[z0 + r + 3] = b[bo + r + 3] + s03;
			Z[z1 + r] = b[bo + r] + s10; Z[z1 + r + 1] = b[bo + r + 1] + s11;
			Z[z1 + r + 2] = b[bo + r + 2] + s12; Z[z1 + r + 3] = b[bo + r + 3] + s13;
		}
		for (; r < rows; r++) {
			const wr = w + r * cols;
			let s0 = 0, s1 = 0;
			for (let c = 0; c < cols; c++) {
				s0 += W[wr + c] * X[x0 + c];
				s1 += W[wr + c] * X[x1 + c];
			}
			Z[z0 + r] = b[bo + r] + s0;
			Z[z1 + r] = b[bo + r] + s1;
		}
	}
	for (; t < steps; t++) {
		const zt = z + t * zs;
		for (let r = 0; r < rows; r++) Z[zt + r] = b[bo + r];
		matVecAdd(Z, zt, W, w, rows, cols, X, x + t * xs);
	}
}

/** Z[t][r] = b[r] + W[r][index_t]: the same as `projectSteps` for one-hot inputs, as a column lookup. */
export function projectOneHot(
	Z: Float64Array, z: number, zs: number,
	W: Float64Array, w: number, rows: number, cols: number,
	b: Float64Array, bo: number,
	indices: Int32Array, io: number,
	steps: number
): void {
	for (let t = 0; t < steps; t++) {
		const zt = z + t * zs, col = w + indices[io + t];
		for (let r = 0; r < rows; r++) Z[zt + r] = b[bo + r] + W[col + r * cols];
	}
}

/**
 * dW[r][c] += Σ_t D[t][r] · X[t][c]: the sum of the outer products `δ_t x_tᵀ` a weight matrix
 * collects over all steps. Four steps × two rows per pass keep a row of dW in registers.
 */
export function accumulateOuter(
	dW: Float64Array, w: number, rows: number, cols: number,
	D: Float64Array, d: number, ds: number,
	X: Float64Array, x: number, xs: number,
	steps: number
): void {
	let t = 0;
	for (; t + 3 < steps; t += 4) {
		const d0 = d + t * ds, d1 = d0 + ds, d2 = d1 + ds, d3 = d2 + ds;
		const x0 = x + t * xs, x1 = x0 + xs, x2 = x1 + xs, x3 = x2 + xs;
		let r = 0;
		for (; r + 1 < rows; r += 2) {
			const a0 = D[d0 + r], a1 = D[d1 + r], a2 = D[d2 + r], a3 = D[d3 + r];
			const e0 = D[d0 + r + 1], e1 = D[d1 + r + 1], e2 = D[d2 + r + 1], e3 = D[d3 + r + 1];
			const wr = w + r * cols, ws = wr + cols;
			for (let c = 0; c < cols; c++) {
				const p0 = X[x0 + c], p1 = X[x1 + c], p2 = X[x2 + c], p3 = X[x3 + c];
				dW[wr + c] += a0 * p0 + a1 * p1 + a2 * p2 + a3 * p3;
				dW[ws + c] += e0 * p0 + e1 * p1 + e2 * p2 + e3 * p3;
			}
		}
		for (; r < rows; r++) {
			const a0 = D[d0 + r], a1 = D[d1 + r], a2 = D[d2 + r], a3 = D[d3 + r];
			const wr = w + r * cols;
			for (let c = 0; c < cols; c++) {
				dW[wr + c] += a0 * X[x0 + c] + a1 * X[x1 + c] + a2 * X[x2 + c] + a3 * X[x3 + c];
			}
		}
	}
	for (; t < steps; t++) {
		const dt = d + t * ds, xt = x + t * xs;
		for (let r = 0; r < rows; r++) {
			const a = D[dt + r];
			if (a === 0) continue;
			const wr = w + r * cols;
			for (let c = 0; c < cols; c++) dW[wr + c] += a * X[xt + c];
		}
	}
}

/** dW[r][index_t] += D[t][r]: `accumulateOuter` for one-hot inputs (only one column per step). */
export function accumulateOneHot(
	dW: Float64Array, w: number, rows: number, cols: number,
	D: Float64Array, d: number, ds: number,
	indices: Int32Array, io: number,
	steps: number
): void {
	for (let t = 0; t < steps; t++) {
		const dt = d + t * ds, col = w + indices[io + t];
		for (let r = 0; r < rows; r++) dW[col + r * cols] += D[dt + r];
	}
}

/** db[r] += Σ_t D[t][r]: a bias collects every step's delta. */
export function accumulateSum(
	db: Float64Array, b: number, rows: number,
	D: Float64Array, d: number, ds: number,
	steps: number
): void {
	for (let t = 0; t < steps; t++) {
		const dt = d + t * ds;
		for (let r = 0; r < rows; r++) db[b + r] += D[dt + r];
	}
}

/**
 * G[t][c] += Σ_r D[t][r] · W[r][c]: `Wᵀ δ_t` for every step, the gradient a layer passes to its
 * inputs (the layer below, or dL/dx). Two steps × four rows per pass.
 */
export function backpropSteps(
	G: Float64Array, g: number, gs: number,
	W: Float64Array, w: number, rows: number, cols: number,
	D: Float64Array, d: number, ds: number,
	steps: number
): void {
	let t = 0;
	for (; t + 1 < steps; t += 2) {
		const g0 = g + t * gs, g1 = g0 + gs, d0 = d + t * ds, d1 = d0 + ds;
		let r = 0;
		for (; r + 3 < rows; r += 4) {
			const a0 = D[d0 + r], a1 = D[d0 + r + 1], a2 = D[d0 + r + 2], a3 = D[d0 + r + 3];
			const e0 = D[d1 + r], e1 = D[d1 + r + 1], e2 = D[d1 + r + 2], e3 = D[d1 + r + 3];
			const w0 = w + r * cols, w1 = w0 + cols, w2 = w1 + cols, w3 = w2 + cols;
			for (let c = 0; c < cols; c++) {
				const v0 = W[w0 + c], v1 = W[w1 + c], v2 = W[w2 + c], v3 = W[w3 + c];
				G[g0 + c] += v0 * a0 + v1 * a1 + v2 * a2 + v3 * a3;
				G[g1 + c] += v0 * e0 + v1 * e1 + v2 * e2 + v3 * e3;
			}
		}
		for (; r < rows; r++) {
			const a = D[d0 + r], e = D[d1 + r], wr = w + r * cols;
			for (let c = 0; c < cols; c++) {
				G[g0 + c] += W[wr + c] * a;
				G[g1 + c] += W[wr + c] * e;
			}
		}
	}
	for (; t < steps; t++) matTVecAdd(G, g + t * gs, W, w, rows, cols, D, d + t * ds);
}

/** Σ v[i]² over a range. */
export function sumOfSquares(v: Float64Array, o = 0, n = v.length - o): number {
	let s = 0;
	for (let i = o; i < o + n; i++) s += v[i] * v[i];
	return s;
}

/** C = A · B for square n × n matrices (used by the Jacobian products, never on the training path). */
export function matMul(C: Float64Array, A: Float64Array, B: Float64Array, n: number): void {
	C.fill(0, 0, n * n);
	for (let i = 0; i < n; i++) {
		const ci = i * n;
		for (let k = 0; k < n; k++) {
			const a = A[ci + k];
			if (a === 0) continue;
			const bk = k * n;
			for (let j = 0; j < n; j++) C[ci + j] += a * B[bk + j];
		}
	}
}
