/**
 * Runs `rnn-reference/1` cases (see `tests/reference/FORMAT.md`) through the engine and compares
 * every number under `expected`. Used by `npm run check:reference` and the unit tests, so both
 * judge the engine by the same rule: for each array, the largest |engine − reference| divided by
 * the largest |reference| in that array (or by 1 if the array is all zeros) must be ≤ 1e-9.
 *
 * Strict on purpose: a value the reference lists that the engine cannot produce, a shape that
 * differs, or a case that cannot run is a failure, never a skip.
 */

import { contributionsOf } from './chain';
import { jacobianNormsOf } from './jacobian';
import type { LossSpec } from './loss';
import type { Network } from './network';
import { cloneNetwork } from './network';
import { toJSON, networkFromLayers } from './serialize';
import { backwardOf, runSequence } from './trace';
import { createTrainer, trainEpochs } from './train';
import type { OptimizerSpec } from './optim';
import { EngineError } from './errors';

export const REFERENCE_FORMAT = 'rnn-reference/1';
export const REFERENCE_TOLERANCE = 1e-9;

export interface ReferenceCase {
	name: string;
	layers: unknown[];
	head: unknown;
	inputs: number[][];
	loss: LossSpec;
	train?: { optimizer: OptimizerSpec; epochs: number; tbptt?: number; clipNorm?: number };
	expected: Record<string, unknown>;
}

export interface CaseResult {
	name: string;
	pass: boolean;
	/** Worst relative error over every compared array, and where it was. */
	worst: number;
	where: string;
	/** Everything that failed: mismatches above tolerance, missing values, shape differences, errors. */
	problems: string[];
}

type Json = unknown;

const rowsOf = (rows: Float64Array[]) => rows.map((r) => Array.from(r));
const gatesOf = (gates: Record<string, Float64Array[]>) =>
	Object.fromEntries(Object.entries(gates).map(([name, rows]) => [name, rowsOf(rows)]));

function paramsOf(params: Record<string, Float64Array>, network: Network, k: number): Record<string, Json> {
	const out: Record<string, Json> = {};
	for (const slot of network.layers[k].slots) {
		const data = params[slot.name];
		out[slot.name] = slot.kind === 'vector' ? Array.from(data) : rowsOf(Array.from({ length: slot.rows }, (_, r) => data.subarray(r * slot.cols, (r + 1) * slot.cols)));
	}
	return out;
}

function wants(expected: Record<string, unknown>, key: string): boolean {
	const layers = expected.layers;
	return Array.isArray(layers) && layers.some((l) => typeof l === 'object' && l !== null && key in l);
}

/** Computes, with the engine, everything a case's `expected` may hold, in the same JSON shape. */
export function computeCase(c: ReferenceCase): Record<string, Json> {
	if (typeof c !== 'object' || c === null) throw new EngineError('parse-error', 'A case must be an object.');
	const network = networkFromLayers(c.layers, c.head);
	const expected = (c.expected ?? {}) as Record<string, unknown>;
	const run = runSequence(network, c.inputs, c.loss);
	const result = backwardOf(run.pass, run.sequence, run.loss!, run.value!);
	const jacobians = wants(expected, 'jacobianNormsH') || wants(expected, 'jacobianNormsC');
	const layers = network.layers.map((layer, k) => {
		const trace = result.trace.layers[k];
		const out: Record<string, Json> = { h: rowsOf(trace.h), dLdh: rowsOf(result.layers[k].dLdh) };
		if (trace.c) out.c = rowsOf(trace.c);
		if (layer.cell !== 'rnn') out.gates = gatesOf(trace.gates);
		if (jacobians) {
			const norms = jacobianNormsOf(run.pass, k, 'exact');
			out.jacobianNormsH = Array.from(norms.h);
			if (norms.c) out.jacobianNormsC = Array.from(norms.c);
		}
		if (layer.cell === 'rnn') out.whhContributionNorms = Array.from(contributionsOf(run.pass, run.sequence, k, 'Whh').norms);
		return out;
	});
	const grads = result.gradients;
	const actual: Record<string, Json> = {
		loss: result.trace.loss,
		outputs: rowsOf(result.trace.outputs),
		dLdx: rowsOf(result.dLdx),
		layers,
		grads: {
			layers: grads.layers.map((g, k) => {
				const out: Record<string, Json> = { params: paramsOf(g.params, network, k), h0: Array.from(g.h0) };
				if (g.c0) out.c0 = Array.from(g.c0);
				return out;
			}),
			head: { W: rowsOf(Array.from({ length: network.outputSize }, (_, r) => grads.head.W.subarray(r * network.head.inputSize, (r + 1) * network.head.inputSize))), b: Array.from(grads.head.b) }
		}
	};
	if (c.train) {
		const trained = cloneNetwork(network);
		const train = c.train;
		const trainer = createTrainer(trained, { optimizer: train.optimizer, clipNorm: train.clipNorm, tbptt: train.tbptt });
		const updates = trainEpochs(trainer, c.inputs, c.loss, train.epochs);
		const json = toJSON(trained);
		actual.training = {
			losses: updates.map((u) => u.loss),
			gradNormsBeforeClip: updates.map((u) => u.gradNorm),
			finalParams: { layers: json.layers.map((l) => l.params), head: json.head }
		};
	}
	return actual;
}

function isNumericArray(value: Json): boolean {
	if (!Array.isArray(value)) return false;
	return value.every((v) => typeof v === 'number' || v === null || isNumericArray(v));
}

function shapeOf(value: Json): string {
	if (!Array.isArray(value)) return typeof value === 'number' ? 'number' : JSON.stringify(value);
	return `[${value.length}]${value.length > 0 && Array.isArray(value[0]) ? shapeOf(value[0]) : ''}`;
}

/** Flattens nested numeric arrays, checking the two have the same shape. Returns null on a shape difference. */
function flattenPair(e: Json, a: Json, path: string, pairs: { e: number | null; a: unknown; at: string }[]): boolean {
	if (Array.isArray(e)) {
		if (!Array.isArray(a) || a.length !== e.length) return false;
		return e.every((item, i) => flattenPair(item, a[i], `${path}[${i}]`, pairs));
	}
	if (Array.isArray(a)) return false;
	pairs.push({ e: e as number | null, a, at: path });
	return true;
}

/** Compares `actual` against every value in `expected`; worst relative error per array. */
export function compareExpected(expected: Json, actual: Json, tolerance = REFERENCE_TOLERANCE): Omit<CaseResult, 'name' | 'pass'> {
	const problems: string[] = [];
	let worst = 0;
	let where = '';
	const leaf = (e: Json, a: Json, path: string) => {
		const pairs: { e: number | null; a: unknown; at: string }[] = [];
		if (a === undefined) return void problems.push(`${path}: missing (the engine does not produce this value)`);
		if (!flattenPair(e, a, path, pairs)) {
			return void problems.push(`${path}: shape differs (reference ${shapeOf(e)}, engine ${shapeOf(a)})`);
		}
		let scale = 0;
		for (const p of pairs) if (typeof p.e === 'number') scale = Math.max(scale, Math.abs(p.e));
		if (scale === 0) scale = 1;
		let arrayWorst = 0;
		let arrayWhere = path;
		for (const p of pairs) {
			if (p.e === null || p.a === null) {
				if (p.e !== p.a) problems.push(`${p.at}: reference ${String(p.e)}, engine ${String(p.a)}`);
				continue;
			}
			const err = typeof p.a === 'number' && Number.isFinite(p.a) ? Math.abs(p.a - p.e) / scale : Infinity;
			if (!(err <= arrayWorst)) [arrayWorst, arrayWhere] = [err, p.at];
		}
		if (arrayWorst > tolerance) problems.push(`${arrayWhere}: relative error ${arrayWorst.toExponential(2)} > ${tolerance}`);
		if (arrayWorst >= worst) [worst, where] = [arrayWorst, arrayWhere];
	};
	const walk = (e: Json, a: Json, path: string) => {
		if (typeof e === 'number' || e === null || isNumericArray(e)) return leaf(e, a, path);
		if (Array.isArray(e)) {
			if (!Array.isArray(a)) return void problems.push(`${path}: missing`);
			if (a.length !== e.length) return void problems.push(`${path}: ${e.length} entries in the reference, ${a.length} from the engine`);
			return e.forEach((item, i) => walk(item, a[i], `${path}[${i}]`));
		}
		if (typeof e === 'object') {
			if (typeof a !== 'object' || a === null) return void problems.push(`${path || 'expected'}: missing`);
			for (const [key, value] of Object.entries(e as Record<string, Json>)) {
				walk(value, (a as Record<string, Json>)[key], path ? `${path}.${key}` : key);
			}
			return;
		}
		problems.push(`${path}: unsupported value ${JSON.stringify(e)} in the reference`);
	};
	walk(expected, actual, '');
	return { worst, where, problems };
}

export function checkCase(c: ReferenceCase, tolerance = REFERENCE_TOLERANCE): CaseResult {
	const name = typeof c?.name === 'string' ? c.name : '(unnamed case)';
	try {
		if (typeof c.expected !== 'object' || c.expected === null) throw new EngineError('parse-error', 'the case has no "expected" values.');
		const result = compareExpected(c.expected, computeCase(c), tolerance);
		return { name, pass: result.problems.length === 0, ...result };
	} catch (e) {
		const message = e instanceof Error ? `${e.name}${e instanceof EngineError ? ` (${e.code})` : ''}: ${e.message}` : String(e);
		return { name, pass: false, worst: Infinity, where: '', problems: [`cannot run: ${message}`] };
	}
}

/** Checks a whole parsed file; throws `parse-error` if it is not an `rnn-reference/1` file. */
export function checkReferenceFile(file: unknown, tolerance = REFERENCE_TOLERANCE): CaseResult[] {
	const f = file as { format?: unknown; cases?: unknown };
	if (typeof f !== 'object' || f === null || f.format !== REFERENCE_FORMAT) {
		throw new EngineError('parse-error', `not an ${REFERENCE_FORMAT} file (format is ${JSON.stringify(f?.format)}).`);
	}
	if (!Array.isArray(f.cases) || f.cases.length === 0) throw new EngineError('parse-error', 'the file has no cases.');
	return f.cases.map((c) => checkCase(c as ReferenceCase, tolerance));
}
