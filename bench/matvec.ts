/**
 * Baseline: a plain Float64Array matrix–vector product, the straightforward dot-product loop.
 * Its GFLOP/s is the practical single-threaded limit for the engine's inner loops.
 *
 * Run as a child by bench/run.ts: `node --import tsx bench/matvec.ts [--quick]`.
 * Several matrices of each size stay alive and are used in turn, and every result feeds a
 * checksum, so V8 can neither constant-fold the weights nor drop the work.
 */
import { emitResult, makeRandom, measure, timingOptions } from './workloads.mjs';

export const MATVEC_SIZES: ReadonlyArray<[rows: number, cols: number]> = [
	[100, 100], // RNN Whh
	[400, 100], // LSTM's four gates stacked
	[100, 65] // Wxh for a 65-symbol vocabulary
];

function filled(length: number, random: () => number): Float64Array {
	const a = new Float64Array(length);
	for (let i = 0; i < length; i++) a[i] = random() - 0.5;
	return a;
}

/** y = W x for a row-major rows × cols matrix. */
export function matvec(W: Float64Array, x: Float64Array, y: Float64Array, rows: number, cols: number): void {
	for (let i = 0; i < rows; i++) {
		let sum = 0;
		const row = i * cols;
		for (let j = 0; j < cols; j++) sum += W[row + j] * x[j];
		y[i] = sum;
	}
}

/** For reference only: the same product reading four rows per pass (each x[j] load used 4 times). */
export function matvec4(W: Float64Array, x: Float64Array, y: Float64Array, rows: number, cols: number): void {
	let i = 0;
	for (; i + 3 < rows; i += 4) {
		const r0 = i * cols, r1 = r0 + cols, r2 = r1 + cols, r3 = r2 + cols;
		let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
		for (let j = 0; j < cols; j++) {
			const xj = x[j];
			s0 += W[r0 + j] * xj;
			s1 += W[r1 + j] * xj;
			s2 += W[r2 + j] * xj;
			s3 += W[r3 + j] * xj;
		}
		y[i] = s0;
		y[i + 1] = s1;
		y[i + 2] = s2;
		y[i + 3] = s3;
	}
	for (; i < rows; i++) {
		let sum = 0;
		for (let j = 0; j < cols; j++) sum += W[i * cols + j] * x[j];
		y[i] = sum;
	}
}

type Kernel = typeof matvec;

function benchSize(rows: number, cols: number, quick: boolean, kernel: Kernel = matvec) {
	const random = makeRandom(rows * 31 + cols);
	const copies = 4;
	const Ws = Array.from({ length: copies }, () => filled(rows * cols, random));
	const xs = Array.from({ length: copies }, () => filled(cols, random));
	const y = new Float64Array(rows);
	let checksum = 0;
	const result = measure((count) => {
		for (let n = 0; n < count; n++) {
			const k = n % copies;
			kernel(Ws[k], xs[k], y, rows, cols);
			checksum += y[n % rows];
		}
	}, timingOptions(quick));
	const gflops = (2 * rows * cols * result.stepsPerSec) / 1e9;
	return { rows, cols, gflops, checksum };
}

const quick = process.argv.includes('--quick');
const sizes = MATVEC_SIZES.map(([rows, cols]) => benchSize(rows, cols, quick));
const fourRows = benchSize(100, 100, quick, matvec4);
emitResult({
	gflops: Math.max(...sizes.map((s) => s.gflops)),
	sizes: sizes.map(({ rows, cols, gflops }) => ({ rows, cols, gflops })),
	fourRowsGflops: fourRows.gflops,
	checksumFinite: [...sizes, fourRows].every((s) => Number.isFinite(s.checksum))
});
