import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	accumulateOneHot,
	accumulateOuter,
	accumulateSum,
	backpropSteps,
	matMul,
	matTVec,
	matVecAdd,
	projectOneHot,
	projectSteps
} from '$lib/engine/linalg';

const dims = fc.record({ rows: fc.integer({ min: 1, max: 11 }), cols: fc.integer({ min: 1, max: 9 }), steps: fc.integer({ min: 1, max: 9 }), seed: fc.integer() });
function filler(seed: number) {
	let s = seed | 0;
	return (n: number) => Float64Array.from({ length: n }, () => ((s = (Math.imul(s, 1103515245) + 12345) | 0) / 2 ** 31));
}
const close = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).forEach((v, i) => expect(v).toBeCloseTo(b[i], 12));

describe('kernels agree with the naive loops they replace (all remainders of the 4-row / 2-step unrolling)', () => {
	it('matVecAdd: out += W x', () => {
		fc.assert(fc.property(dims, ({ rows, cols, seed }) => {
			const r = filler(seed);
			const [W, x, out] = [r(rows * cols + 3), r(cols + 2), r(rows + 1)];
			const expected = out.slice();
			for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) expected[1 + i] += W[3 + i * cols + j] * x[2 + j];
			matVecAdd(out, 1, W, 3, rows, cols, x, 2);
			close(out, expected);
		}));
	});

	it('matTVec: out = Wᵀ d', () => {
		fc.assert(fc.property(dims, ({ rows, cols, seed }) => {
			const r = filler(seed);
			const [W, d, out] = [r(rows * cols), r(rows), r(cols)];
			const expected = new Float64Array(cols);
			for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) expected[j] += W[i * cols + j] * d[i];
			matTVec(out, 0, W, 0, rows, cols, d, 0);
			close(out, expected);
		}));
	});

	it('projectSteps / projectOneHot: Z[t] = b + W x_t', () => {
		fc.assert(fc.property(dims, ({ rows, cols, steps, seed }) => {
			const r = filler(seed);
			const [W, b, X] = [r(rows * cols), r(rows), r(steps * cols)];
			const Z = new Float64Array(steps * rows);
			projectSteps(Z, 0, rows, W, 0, rows, cols, b, 0, X, 0, cols, steps);
			const indices = Int32Array.from({ length: steps }, (_, t) => (t * 7) % cols);
			const oneHot = new Float64Array(steps * cols);
			indices.forEach((i, t) => (oneHot[t * cols + i] = 1));
			const Z1 = new Float64Array(steps * rows);
			projectOneHot(Z1, 0, rows, W, 0, rows, cols, b, 0, indices, 0, steps);
			const Z2 = new Float64Array(steps * rows);
			projectSteps(Z2, 0, rows, W, 0, rows, cols, b, 0, oneHot, 0, cols, steps);
			for (let t = 0; t < steps; t++) {
				for (let i = 0; i < rows; i++) {
					let s = b[i];
					for (let j = 0; j < cols; j++) s += W[i * cols + j] * X[t * cols + j];
					expect(Z[t * rows + i]).toBeCloseTo(s, 12);
				}
			}
			close(Z1, Z2);
		}));
	});

	it('accumulateOuter / accumulateOneHot / accumulateSum / backpropSteps', () => {
		fc.assert(fc.property(dims, ({ rows, cols, steps, seed }) => {
			const r = filler(seed);
			const [D, X, W] = [r(steps * rows), r(steps * cols), r(rows * cols)];
			const dW = r(rows * cols);
			const expected = dW.slice();
			for (let t = 0; t < steps; t++) for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) expected[i * cols + j] += D[t * rows + i] * X[t * cols + j];
			accumulateOuter(dW, 0, rows, cols, D, 0, rows, X, 0, cols, steps);
			close(dW, expected);

			const indices = Int32Array.from({ length: steps }, (_, t) => (t * 5) % cols);
			const dense = new Float64Array(steps * cols);
			indices.forEach((i, t) => (dense[t * cols + i] = 1));
			const a = new Float64Array(rows * cols);
			const b = new Float64Array(rows * cols);
			accumulateOneHot(a, 0, rows, cols, D, 0, rows, indices, 0, steps);
			accumulateOuter(b, 0, rows, cols, D, 0, rows, dense, 0, cols, steps);
			close(a, b);

			const db = new Float64Array(rows);
			accumulateSum(db, 0, rows, D, 0, rows, steps);
			for (let i = 0; i < rows; i++) expect(db[i]).toBeCloseTo(Array.from({ length: steps }, (_, t) => D[t * rows + i]).reduce((x, y) => x + y), 12);

			const G = new Float64Array(steps * cols);
			backpropSteps(G, 0, cols, W, 0, rows, cols, D, 0, rows, steps);
			for (let t = 0; t < steps; t++) {
				for (let j = 0; j < cols; j++) {
					let s = 0;
					for (let i = 0; i < rows; i++) s += W[i * cols + j] * D[t * rows + i];
					expect(G[t * cols + j]).toBeCloseTo(s, 12);
				}
			}
		}));
	});

	it('matMul: C = A B', () => {
		const C = new Float64Array(4);
		matMul(C, Float64Array.of(1, 2, 3, 4), Float64Array.of(5, 6, 7, 8), 2);
		expect(Array.from(C)).toEqual([19, 22, 43, 50]);
	});
});
