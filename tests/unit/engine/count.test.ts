import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countParameters, createNetwork, unitsForBudget } from '$lib/engine';
import { CELL_KINDS } from './helpers';

describe('countParameters', () => {
	it('rnn 3 → 100: W_xh 100×3 + W_hh 100×100 + b 100 = 10,400', () => {
		const count = countParameters({ cell: 'rnn', inputSize: 3, hiddenSizes: [100], convention: 'engine' });
		expect(count.total).toBe(10_400);
		expect(count.layers[0].blocks.map((b) => [b.name, b.rows, b.cols])).toEqual([
			['Wxh', 100, 3],
			['Whh', 100, 100],
			['bh', 100, 1]
		]);
	});

	it('Keras SimpleRNN(32) on 64 features = 3,104, plus Dense(1) = 33, total 3,137', () => {
		const count = countParameters({ cell: 'rnn', inputSize: 64, hiddenSizes: [32], headSize: 1 });
		expect(count.layers[0].total).toBe(3_104);
		expect(count.head?.total).toBe(33);
		expect(count.total).toBe(3_137);
	});

	it('Keras LSTM(32) on 64 features = 4·(32·32 + 32·64 + 32) = 12,416', () => {
		expect(countParameters({ cell: 'lstm', inputSize: 64, hiddenSizes: [32] }).total).toBe(12_416);
	});

	it('LSTM(7) → LSTM(9) → Dense(1) on 5 features = 364, 612, 10', () => {
		const count = countParameters({ cell: 'lstm', inputSize: 5, hiddenSizes: [7, 9], headSize: 1 });
		expect(count.layers.map((l) => l.total)).toEqual([364, 612]);
		expect(count.head?.total).toBe(10);
	});

	it("the 'engine' count equals the numbers a real network allocates, block by block", () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...CELL_KINDS),
				fc.integer({ min: 1, max: 40 }),
				fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 }),
				fc.integer({ min: 1, max: 20 }),
				(kind, inputSize, hiddenSizes, outputSize) => {
					const count = countParameters({
						cell: kind.cell,
						inputSize,
						hiddenSizes,
						headSize: outputSize,
						convention: 'engine',
						gruVariant: kind.variant
					});
					const network = createNetwork({ inputSize, outputSize, layers: hiddenSizes.map((hiddenSize) => ({ ...kind, hiddenSize })) });
					expect(network.params.length).toBe(count.total);
					count.layers.forEach((layerCount, k) => {
						for (const block of layerCount.blocks) expect(network.layers[k].params[block.name].length).toBe(block.count);
					});
					expect(network.head.W.length + network.head.b.length).toBe(count.head?.total);
				}
			),
			{ numRuns: 100 }
		);
	});
});

describe('GRU(32) on 64 features, both variants', () => {
	it('reset after the product (Keras reset_after=True, PyTorch) = 9,408; reset before (reset_after=False) = 9,312', () => {
		const gru = (gruVariant: 'reset-after' | 'reset-before') => countParameters({ cell: 'gru', inputSize: 64, hiddenSizes: [32], gruVariant }).total;
		expect(gru('reset-after')).toBe(9_408);
		expect(gru('reset-before')).toBe(9_312);
		expect(countParameters({ cell: 'gru', inputSize: 64, hiddenSizes: [32], convention: 'pytorch' }).total).toBe(9_408);
		expect(countParameters({ cell: 'lstm', inputSize: 64, hiddenSizes: [32] }).total).toBe(12_416);
		expect(countParameters({ cell: 'rnn', inputSize: 64, hiddenSizes: [32] }).total).toBe(3_104);
	});
});

describe('unitsForBudget(spec, budget)', () => {
	it('gives each cell the hidden size whose count is closest to the budget', () => {
		const spec = { inputSize: 6, headSize: 2, convention: 'engine' as const };
		const budget = countParameters({ ...spec, cell: 'lstm', hiddenSizes: [16] }).total;
		expect(unitsForBudget({ ...spec, cell: 'lstm' }, budget)).toBe(16);
		for (const cell of ['rnn', 'gru'] as const) {
			const units = unitsForBudget({ ...spec, cell }, budget);
			const at = (h: number) => Math.abs(countParameters({ ...spec, cell, hiddenSizes: [h] }).total - budget);
			expect(at(units)).toBeLessThanOrEqual(at(units - 1));
			expect(at(units)).toBeLessThanOrEqual(at(units + 1));
		}
		expect(unitsForBudget({ ...spec, cell: 'rnn' }, budget)).toBeGreaterThan(16);
		expect(unitsForBudget({ ...spec, cell: 'gru' }, budget)).toBeGreaterThan(16);
	});

	it('never goes below one unit', () => {
		expect(unitsForBudget({ cell: 'lstm', inputSize: 64 }, 1)).toBe(1);
	});
});
