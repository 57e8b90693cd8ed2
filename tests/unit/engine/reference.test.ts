import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCase, checkReferenceFile, compareExpected, toJSON, type ReferenceCase } from '$lib/engine';
import { computeCase } from '$lib/engine/reference';
import { makeProblem } from './helpers';

const file = JSON.parse(readFileSync('tests/reference/cases.json', 'utf8')) as { format: string; cases: ReferenceCase[] };
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('the engine against PyTorch (tests/reference/cases.json)', () => {
	for (const c of file.cases) {
		it(`${c.name}: every expected number within 1e-9 relative error`, () => {
			const result = checkCase(c);
			expect(result.problems).toEqual([]);
			expect(result.pass).toBe(true);
			expect(result.worst).toBeLessThan(1e-9);
		});
	}
});

describe('checkCase is strict', () => {
	const base = file.cases.find((c) => c.name === 'lstm-labelling') as ReferenceCase;

	it('fails when one expected number is off by more than the tolerance', () => {
		const c = copy(base);
		(c.expected.layers as { h: number[][] }[])[0].h[2][1] += 1e-6;
		const result = checkCase(c);
		expect(result.pass).toBe(false);
		expect(result.problems.join()).toContain('layers[0].h[2][1]');
	});

	it('fails when the reference lists a value the engine does not produce', () => {
		const c = copy(base);
		(c.expected.layers as Record<string, unknown>[])[0].whhContributionNorms = [1, 2, 3, 4, 5, 6];
		expect(checkCase(c).problems.join()).toContain('missing');
	});

	it('fails on a shape difference', () => {
		const c = copy(base);
		(c.expected as { outputs: number[][] }).outputs.pop();
		expect(checkCase(c).pass).toBe(false);
	});

	it('reports an unknown cell as a failing case with a message instead of crashing', () => {
		const c = copy(base);
		(c.layers[0] as { cell: string }).cell = 'transformer';
		const result = checkCase(c);
		expect(result.pass).toBe(false);
		expect(result.problems[0]).toMatch(/unknown-cell/);
	});

	it('reports an unknown optimizer and a NaN weight as failing cases', () => {
		const t = copy(file.cases.find((c) => c.train) as ReferenceCase);
		(t.train as { optimizer: { kind: string } }).optimizer.kind = 'rmsprop';
		expect(checkCase(t).problems[0]).toMatch(/unknown-optimizer/);
		const n = copy(base);
		((n.layers[0] as { params: Record<string, number[][]> }).params.Whi[0] as unknown[])[0] = 'NaN';
		expect(checkCase(n).pass).toBe(false);
	});

	it('rejects files of another format', () => {
		expect(() => checkReferenceFile({ format: 'something-else', cases: [] })).toThrow(/rnn-reference\/1/);
	});

	it('measures error relative to the largest magnitude in each array', () => {
		expect(compareExpected({ a: [100, 1] }, { a: [100, 1 + 5e-8] }).problems).toEqual([]);
		expect(compareExpected({ a: [1, 1] }, { a: [1, 1 + 5e-8] }).problems).toHaveLength(1);
		expect(compareExpected({ a: [0, 0] }, { a: [0, 1e-12] }).problems).toEqual([]);
		expect(compareExpected({ a: 2 }, { a: NaN }).problems).toHaveLength(1);
	});
});

describe('checkReferenceFile is general', () => {
	it('runs a file with every cell kind stacked, MSE, many-to-one, SGD momentum, clipping and truncated BPTT', () => {
		const { network, inputs, loss } = makeProblem(
			77,
			[
				{ cell: 'gru', hiddenSize: 3, variant: 'reset-before' },
				{ cell: 'lstm', hiddenSize: 4 },
				{ cell: 'gru', hiddenSize: 2, variant: 'reset-after' },
				{ cell: 'rnn', hiddenSize: 3 }
			],
			{ kind: 'mse', reduction: 'mean', steps: 7, inputSize: 2, outputSize: 2 }
		);
		const json = toJSON(network);
		const c: ReferenceCase = {
			name: 'engine-written',
			layers: json.layers,
			head: json.head,
			inputs,
			loss,
			train: { optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9 }, epochs: 3, tbptt: 3, clipNorm: 0.5 },
			// Jacobians are computed only when a case lists them.
			expected: { layers: [{ jacobianNormsH: [] }] }
		};
		// The engine's own numbers as "expected": this checks the runner handles every key, not the maths.
		c.expected = computeCase(c);
		const layers = c.expected.layers as Record<string, unknown>[];
		expect(Object.keys(layers[1]).sort()).toEqual(['c', 'dLdh', 'gates', 'h', 'jacobianNormsC', 'jacobianNormsH']);
		expect(Object.keys(layers[3])).toContain('whhContributionNorms');
		expect((c.expected.training as { losses: number[] }).losses.length).toBeGreaterThan(3); // ≤ 3 chunks × 3 epochs
		const [result] = checkReferenceFile({ format: 'rnn-reference/1', cases: [c] });
		expect(result.problems).toEqual([]);
		expect(result.worst).toBe(0);
	});
});
