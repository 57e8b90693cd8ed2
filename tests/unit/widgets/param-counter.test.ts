import { describe, expect, it } from 'vitest';
import { count, layerFormula, symbolicFormula, variantNote } from '$lib/widgets/param-counter/model';
import { parseQuery } from '$lib/widgets/params';
import { schema } from '$lib/widgets/param-counter/model';

const countFor = (query: string) => count(parseQuery(schema, query).values);

describe('parameter counter', () => {
	it('cell=rnn&input=3&hidden=100 → 10,400 (W_xh 100×3, W_hh 100×100, b 100)', () => {
		const result = countFor('cell=rnn&input=3&hidden=100');
		expect(result.total).toBe(10_400);
		expect(result.layers[0].blocks.map((b) => [b.name, b.rows, b.cols])).toEqual([
			['Wxh', 100, 3],
			['Whh', 100, 100],
			['bh', 100, 1]
		]);
	});

	it('cell=rnn&input=64&hidden=32&head=1 → 3,104 + 33 = 3,137', () => {
		const result = countFor('cell=rnn&input=64&hidden=32&head=1');
		expect(result.layers[0].total).toBe(3_104);
		expect(result.head?.total).toBe(33);
		expect(result.total).toBe(3_137);
		// One name for the output weights on every page: W_hy, as lesson 2 writes it.
		expect(result.head?.blocks.map((b) => b.tex)).toEqual(['W_{hy}', 'b_y']);
	});

	it('cell=lstm&input=64&hidden=32 → 12,416 with the formula 4·(32·64 + 32·32 + 32)', () => {
		const result = countFor('cell=lstm&input=64&hidden=32');
		expect(result.total).toBe(12_416);
		expect(layerFormula(result.layers[0], 'lstm')).toBe('4\\cdot(32\\cdot 64 + 32\\cdot 32 + 32) = 12{,}416');
	});

	it('cell=lstm&input=5&hidden=7,9&head=1 → 364, 612, 10 (986)', () => {
		const result = countFor('cell=lstm&input=5&hidden=7,9&head=1');
		expect(result.layers.map((layer) => layer.total)).toEqual([364, 612]);
		expect(result.head?.total).toBe(10);
		expect(result.total).toBe(986);
	});

	it('PyTorch keeps two bias vectors per gate', () => {
		expect(countFor('cell=rnn&input=3&hidden=100&convention=pytorch').total).toBe(10_500);
		expect(countFor('cell=lstm&input=64&hidden=32&convention=pytorch').total).toBe(12_544);
	});

	it('Keras GRU (reset_after=True) has two biases per gate, like PyTorch', () => {
		// 3·(32·64 + 32·32 + 2·32) = 9,408
		expect(countFor('cell=gru&input=64&hidden=32').total).toBe(9_408);
		expect(countFor('cell=gru&input=64&hidden=32&convention=pytorch').total).toBe(9_408);
	});

	it('variant=reset-before (Keras reset_after=False) has one bias per gate: GRU(32) on 64 → 9,312', () => {
		const result = countFor('cell=gru&input=64&hidden=32&variant=reset-before');
		expect(result.total).toBe(9_312);
		expect(layerFormula(result.layers[0], 'gru')).toBe('3\\cdot(32\\cdot 64 + 32\\cdot 32 + 32) = 9{,}312');
		expect(symbolicFormula(parseQuery(schema, 'cell=gru&variant=reset-before').values)).toBe('P = 3\\,(H\\cdot I + H\\cdot H + H)');
		expect(symbolicFormula(parseQuery(schema, 'cell=gru&variant=reset-after').values)).toBe('P = 3\\,(H\\cdot I + H\\cdot H + 2H)');
	});

	it('a bad variant is reported and falls back to reset-after', () => {
		const parsed = parseQuery(schema, 'cell=gru&input=64&hidden=32&variant=before');
		expect(parsed.issues.map((issue) => issue.param)).toEqual(['variant']);
		expect(parsed.issues[0].message).toContain('reset-after, reset-before');
		expect(count(parsed.values).total).toBe(9_408);
	});

	it('says PyTorch has no reset-before GRU', () => {
		expect(variantNote(parseQuery(schema, 'cell=gru&convention=pytorch&variant=reset-before').values)).toContain('PyTorch');
		expect(variantNote(parseQuery(schema, 'cell=gru&convention=keras&variant=reset-before').values)).toBeNull();
	});
});
