/**
 * Networks whose matrices have one column: one input (W_x·), one hidden unit (W_h·, the head's W).
 * The file format writes every matrix as a list of rows, also with one column, and still reads
 * the flat lists that earlier versions wrote for them.
 */
import { describe, expect, it } from 'vitest';
import { checkReferenceFile, fromJSON, gradient, networkFromLayers, stringify, toJSON, type NetworkJSON } from '$lib/engine';
import { CELL_KINDS, makeProblem, numericGradient, relativeError } from './helpers';
import { readFileSync } from 'node:fs';

const tiny = (kind: (typeof CELL_KINDS)[number], loss: 'mse' | 'softmax-ce' = 'mse') =>
	makeProblem(11, [{ ...kind, hiddenSize: 1 }], { kind: loss, reduction: 'sum', steps: 1, inputSize: 1, outputSize: 1 });

/** The same network as the previous version wrote it: a one-column matrix as a flat list. */
function flattened(json: NetworkJSON): NetworkJSON {
	const flat = (value: number[] | number[][]) => (Array.isArray(value[0]) && (value as number[][]).every((row) => row.length === 1) ? (value as number[][]).map((row) => row[0]) : value);
	return {
		...json,
		layers: json.layers.map((layer) => ({ ...layer, params: Object.fromEntries(Object.entries(layer.params).map(([name, value]) => [name, flat(value)])) })),
		head: { W: flat(json.head.W) as number[][], b: json.head.b }
	};
}

describe('one input, one hidden unit, one step', () => {
	for (const kind of CELL_KINDS) {
		const name = `${kind.cell}${kind.variant ? ` ${kind.variant}` : ''}`;

		it(`${name}: writes every weight matrix as a list of rows and every bias as a flat list`, () => {
			const { network } = tiny(kind);
			const json = toJSON(network);
			for (const slot of network.layers[0].slots) {
				const value = json.layers[0].params[slot.name];
				if (slot.kind === 'matrix') expect(value, slot.name).toEqual([[network.layers[0].params[slot.name][0]]]);
				else expect(value, slot.name).toEqual([network.layers[0].params[slot.name][0]]);
			}
			expect(json.head.W).toEqual([[network.head.W[0]]]);
			expect(json.head.b).toEqual([network.head.b[0]]);
		});

		it(`${name}: round-trips through the file format bit for bit, and reads the flat lists of earlier files`, () => {
			const { network } = tiny(kind);
			const back = fromJSON(stringify(network));
			expect(back.params).toEqual(network.params);
			expect(toJSON(back)).toEqual(toJSON(network));
			const old = flattened(toJSON(network));
			expect(Object.values(old.layers[0].params).every((value) => value.every((v) => typeof v === 'number'))).toBe(true);
			expect(Array.isArray((old.head.W as unknown[])[0])).toBe(false);
			expect(fromJSON(JSON.stringify(old)).params).toEqual(network.params);
		});

		for (const loss of ['mse', 'softmax-ce'] as const) {
			it(`${name}: gradients (${loss}) agree with finite differences`, () => {
				const { network, inputs, loss: spec } = tiny(kind, loss);
				const analytic = gradient(network, inputs, spec).flat;
				const numeric = numericGradient(network.params, () => gradient(network, inputs, spec).loss);
				expect(analytic.length).toBe(network.params.length);
				expect(relativeError(analytic, numeric, 1e-3)).toBeLessThan(1e-6);
			});
		}
	}

	it('refuses a one-column matrix that mixes rows and numbers, naming the row', () => {
		const two = toJSON(makeProblem(3, [{ cell: 'rnn', hiddenSize: 2 }], { kind: 'mse', reduction: 'sum', steps: 1, inputSize: 1, outputSize: 1 }).network);
		(two.layers[0].params.Wxh as unknown[])[1] = 0.5;
		expect(() => fromJSON(two)).toThrow(/Layer 1 Wxh must be a 2 × 1 matrix \(2 rows of 1\), but row 2 is not a list of numbers/);
	});

	it('reads reference-format cases with one input and one hidden unit (tests/reference/one-column.json)', () => {
		const file = JSON.parse(readFileSync('tests/reference/one-column.json', 'utf8'));
		const cells = new Set<string>();
		for (const c of file.cases) {
			const network = networkFromLayers(c.layers, c.head);
			expect(network.inputSize).toBe(1);
			expect(network.layers[0].hiddenSize).toBe(1);
			cells.add(network.layers[0].cell);
		}
		expect([...cells].sort()).toEqual(['gru', 'lstm', 'rnn']);
		const results = checkReferenceFile(file);
		expect(results.map((r) => r.problems)).toEqual(results.map(() => []));
		expect(results.every((r) => r.pass)).toBe(true);
	});
});
