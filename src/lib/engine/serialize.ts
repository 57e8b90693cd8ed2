/**
 * Networks to and from plain JSON, for URL state, localStorage and export files.
 *
 * The layout is the reference format's (`tests/reference/FORMAT.md`): each layer lists its cell,
 * sizes, parameters by name (a matrix is an array of rows, `W_xh` is hiddenSize × inputSize) and
 * initial states; the head holds `W` (outputSize × H) and `b`. Numbers are written with
 * JavaScript's shortest round-tripping form, so a network survives a round trip bit for bit.
 * Parsing checks every name, shape and number and says exactly what is wrong.
 */

import { EngineError, describeValue } from './errors';
import { checkCell, checkVariant, createNetwork, type Network } from './network';

export const NETWORK_FORMAT = 'unrolled-network/1';

export type Vector = number[];
export type Matrix = number[][];

export interface LayerJSON {
	cell: string;
	variant?: string;
	inputSize: number;
	hiddenSize: number;
	params: Record<string, Matrix | Vector>;
	h0?: Vector;
	c0?: Vector;
	/** LSTM gates fixed to a value, e.g. { f: 1, i: 0 } (see clamp.ts). */
	clamp?: Partial<Record<'i' | 'f' | 'g' | 'o', number>>;
}

export interface NetworkJSON {
	format: typeof NETWORK_FORMAT;
	layers: LayerJSON[];
	head: { W: Matrix; b: Vector };
}

/** A matrix as a list of rows, always: one column gives rows of one number, never a flat list. */
function toRows(data: Float64Array, rows: number, cols: number): Matrix {
	const out: Matrix = [];
	for (let r = 0; r < rows; r++) out.push(Array.from(data.subarray(r * cols, (r + 1) * cols)));
	return out;
}

export function toJSON(network: Network): NetworkJSON {
	return {
		format: NETWORK_FORMAT,
		layers: network.layers.map((layer) => {
			const params: Record<string, Matrix | Vector> = {};
			for (const slot of layer.slots) params[slot.name] = slot.kind === 'vector' ? Array.from(layer.params[slot.name]) : toRows(layer.params[slot.name], slot.rows, slot.cols);
			const json: LayerJSON = {
				cell: layer.cell,
				...(layer.variant ? { variant: layer.variant } : {}),
				inputSize: layer.inputSize,
				hiddenSize: layer.hiddenSize,
				params,
				h0: Array.from(layer.h0)
			};
			if (layer.c0) json.c0 = Array.from(layer.c0);
			if (layer.clamp) json.clamp = { ...layer.clamp };
			return json;
		}),
		head: {
			W: toRows(network.head.W, network.outputSize, network.head.inputSize),
			b: Array.from(network.head.b)
		}
	};
}

export function stringify(network: Network): string {
	return JSON.stringify(toJSON(network));
}

function fail(where: string, message: string): never {
	throw new EngineError('parse-error', `${where}: ${message}`, { where });
}

/**
 * Copies a JSON matrix (a list of `rows` rows of `cols` numbers) or vector (a list of `rows`
 * numbers) into `out`, checking shape and numbers. The kind comes from the parameter, not from the
 * column count: a one-column matrix is a list of one-number rows. Files written before that rule
 * (they wrote a one-column matrix as a flat list) still load: a flat list is taken as the column.
 */
function readInto(out: Float64Array, value: unknown, rows: number, cols: number, where: string, kind: 'matrix' | 'vector'): void {
	const vector = kind === 'vector';
	const shape = vector ? `a vector of ${rows}` : `a ${rows} × ${cols} matrix (${rows} rows of ${cols})`;
	if (!Array.isArray(value) || value.length !== rows) {
		throw new EngineError('shape-mismatch', `${where} must be ${shape}, but it has ${Array.isArray(value) ? value.length : 'no'} entries.`, {
			where,
			expected: [rows, cols]
		});
	}
	const legacyColumn = !vector && cols === 1 && value.every((v) => !Array.isArray(v));
	for (let r = 0; r < rows; r++) {
		const row = vector || legacyColumn ? [value[r]] : value[r];
		if (!Array.isArray(row) || row.length !== cols) {
			throw new EngineError(
				'shape-mismatch',
				`${where} must be ${shape}, but row ${r + 1} ${Array.isArray(row) ? `has ${row.length} numbers` : 'is not a list of numbers'}.`,
				{ where, expected: [rows, cols] }
			);
		}
		for (let c = 0; c < cols; c++) {
			const v = row[c];
			if (typeof v !== 'number' || !Number.isFinite(v)) {
				const at = vector || legacyColumn ? `[${r}]` : `[${r}][${c}]`;
				throw new EngineError('not-finite', `${where}${at} is ${JSON.stringify(v)}; weights must be finite numbers.`, { where });
			}
			out[r * cols + c] = v;
		}
	}
}

/** Builds a network from reference-format layers and head (also used for `rnn-reference/1` cases). */
export function networkFromLayers(layers: unknown, head: unknown): Network {
	if (!Array.isArray(layers) || layers.length === 0) fail('layers', 'expected a non-empty list of layers.');
	if (typeof head !== 'object' || head === null) fail('head', 'expected { W, b }.');
	const first = layers[0] as LayerJSON;
	const W = (head as { W: unknown }).W;
	const outputSize = Array.isArray(W) ? W.length : fail('head.W', 'expected a matrix (a list of rows).');
	const network = createNetwork({
		inputSize: first?.inputSize,
		outputSize,
		layers: layers.map((l: LayerJSON, k) => {
			const where = `Layer ${k + 1}`;
			if (typeof l !== 'object' || l === null) fail(where, 'expected an object.');
			const cell = checkCell(l.cell, where);
			return { cell, hiddenSize: l.hiddenSize, variant: checkVariant(cell, l.variant, where) ?? undefined, clamp: l.clamp };
		})
	});
	network.layers.forEach((layer, k) => {
		const json = layers[k] as LayerJSON;
		const where = `Layer ${k + 1}`;
		if (json.inputSize !== layer.inputSize) {
			throw new EngineError(
				'shape-mismatch',
				`${where} says inputSize ${String(json.inputSize)}, but it reads ${k === 0 ? 'the input' : `layer ${k}'s hidden state`}, which has ${layer.inputSize}.`,
				{ layer: k }
			);
		}
		const params = json.params;
		if (typeof params !== 'object' || params === null) fail(`${where} params`, 'expected an object of named matrices.');
		const known = new Set(layer.slots.map((s) => s.name));
		for (const name of Object.keys(params)) {
			if (!known.has(name)) {
				fail(`${where} params`, `"${name}" is not a parameter of a${layer.cell === 'rnn' ? 'n' : ''} ${layer.cell} layer${layer.variant ? ` (${layer.variant})` : ''}; expected ${[...known].join(', ')}.`);
			}
		}
		for (const slot of layer.slots) {
			if (!(slot.name in params)) fail(`${where} params`, `"${slot.name}" is missing.`);
			readInto(layer.params[slot.name], params[slot.name], slot.rows, slot.cols, `${where} ${slot.name}`, slot.kind);
		}
		if (json.h0 !== undefined) readInto(layer.h0, json.h0, layer.hiddenSize, 1, `${where} h0`, 'vector');
		if (json.c0 !== undefined) {
			if (!layer.c0) fail(`${where} c0`, `only LSTM layers have a cell state.`);
			readInto(layer.c0, json.c0, layer.hiddenSize, 1, `${where} c0`, 'vector');
		}
	});
	readInto(network.head.W, W, outputSize, network.head.inputSize, 'Head W', 'matrix');
	readInto(network.head.b, (head as { b: unknown }).b, outputSize, 1, 'Head b', 'vector');
	return network;
}

/** Parses a network from JSON text or an already-parsed object, validating everything. */
export function fromJSON(input: string | unknown): Network {
	let value: unknown = input;
	if (typeof input === 'string') {
		try {
			value = JSON.parse(input);
		} catch (e) {
			fail('JSON', `the text is not valid JSON (${(e as Error).message}).`);
		}
	}
	if (typeof value !== 'object' || value === null) fail('network', 'expected an object.');
	const json = value as Partial<NetworkJSON>;
	if (json.format !== NETWORK_FORMAT) fail('format', `expected "${NETWORK_FORMAT}", got ${describeValue(json.format)}.`);
	return networkFromLayers(json.layers, json.head);
}
