import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildNetwork, forward, fromJSON, networkFromLayers, stringify, toJSON, type NetworkJSON } from '$lib/engine';
import { CELL_KINDS, codeOf } from './helpers';

const reference = JSON.parse(readFileSync('tests/reference/cases.json', 'utf8'));

describe('toJSON / fromJSON', () => {
	for (const kind of CELL_KINDS) {
		it(`round-trips a stacked ${kind.cell} ${kind.variant ?? ''} network bit for bit, through text too`, () => {
			const network = buildNetwork({ inputSize: 3, outputSize: 2, layers: [{ ...kind, hiddenSize: 4 }, { cell: 'lstm', hiddenSize: 2 }] }, { seed: 'json' });
			network.layers[1].c0![0] = 0.125;
			network.layers[0].h0[2] = -1 / 3;
			const back = fromJSON(stringify(network));
			expect(back.params).toEqual(network.params);
			expect(back.layers[0].h0).toEqual(network.layers[0].h0);
			expect(back.layers[1].c0).toEqual(network.layers[1].c0);
			expect(toJSON(back)).toEqual(toJSON(network));
		});
	}

	it('uses the reference format: W_xh is hiddenSize × inputSize, a vector per bias', () => {
		const json = toJSON(buildNetwork({ inputSize: 3, outputSize: 2, layers: [{ cell: 'rnn', hiddenSize: 4 }] }, { seed: 1 }));
		expect(json.format).toBe('unrolled-network/1');
		expect(json.layers[0].params.Wxh).toHaveLength(4);
		expect((json.layers[0].params.Wxh as number[][])[0]).toHaveLength(3);
		expect(json.layers[0].params.bh).toHaveLength(4);
		expect(json.head.W).toHaveLength(2);
	});

	it('reads the layers of every reference case and reproduces its outputs', () => {
		for (const c of reference.cases) {
			const network = networkFromLayers(c.layers, c.head);
			const y = forward(network, c.inputs).outputs;
			expect(y[0][0]).toBeCloseTo(c.expected.outputs[0][0], 12);
		}
	});
});

describe('fromJSON validation', () => {
	const good = (): NetworkJSON => toJSON(buildNetwork({ inputSize: 2, outputSize: 2, layers: [{ cell: 'gru', hiddenSize: 3 }] }, { seed: 2 }));

	it('names the parameter and the expected shape when a matrix has the wrong size', () => {
		const json = good();
		(json.layers[0].params.Whz as number[][])[1].pop();
		const error = (() => {
			try {
				fromJSON(json);
			} catch (e) {
				return e as Error & { code: string };
			}
		})();
		expect(error?.code).toBe('shape-mismatch');
		expect(error?.message).toMatch(/Layer 1 Whz must be a 3 × 3 matrix/);
	});

	it('rejects missing and unknown parameters, NaN and Infinity, wrong input sizes, bad text and other formats', () => {
		const missing = good();
		delete missing.layers[0].params.bhn;
		expect(codeOf(() => fromJSON(missing))).toBe('parse-error');
		const extra = good();
		extra.layers[0].params.Wxq = [[1, 2]];
		expect(codeOf(() => fromJSON(extra))).toBe('parse-error');
		const nan = good();
		(nan.layers[0].params.bxn as (number | null)[])[0] = null;
		expect(codeOf(() => fromJSON(nan))).toBe('not-finite');
		const text = stringify(fromJSON(good())).replace(/"bxn":\[[^\]]*\]/, '"bxn":[1e999,0,0]');
		expect(codeOf(() => fromJSON(text))).toBe('not-finite');
		const size = good();
		size.layers[0].inputSize = 5;
		expect(codeOf(() => fromJSON(size))).toBe('shape-mismatch');
		expect(codeOf(() => fromJSON('{not json'))).toBe('parse-error');
		expect(codeOf(() => fromJSON({ ...good(), format: 'keras' }))).toBe('parse-error');
		const cell = good();
		cell.layers[0].cell = 'transformer';
		expect(codeOf(() => fromJSON(cell))).toBe('unknown-cell');
		const c0 = good();
		c0.layers[0].c0 = [0, 0, 0];
		expect(codeOf(() => fromJSON(c0))).toBe('parse-error');
	});

	it('fills missing initial states with zeros', () => {
		const json = good();
		delete json.layers[0].h0;
		expect(Array.from(fromJSON(json).layers[0].h0)).toEqual([0, 0, 0]);
	});
});
