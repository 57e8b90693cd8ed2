import { describe, expect, it } from 'vitest';
import { describeStack, formatShape, type StackDesign } from '$lib/engine/stack';

const lecture: StackDesign = {
	steps: 3,
	features: 5,
	layers: [
		{ cell: 'lstm', units: 7, returnSequences: true },
		{ cell: 'lstm', units: 9, returnSequences: false }
	],
	head: 1,
	convention: 'keras'
};

const totals = (design: StackDesign) => describeStack(design).rows.map((row) => row.count?.total ?? null);
const shapes = (design: StackDesign) => describeStack(design).rows.map((row) => (row.output ? formatShape(row.output) : null));

describe('describeStack', () => {
	it('the lecture’s LSTM(7, return_sequences=True) → LSTM(9) → Dense(1) on (3, 5): 364 + 612 + 10 = 986 in Keras', () => {
		const report = describeStack(lecture);
		expect(totals(lecture)).toEqual([null, 364, 612, 10]);
		expect(report.total).toBe(986);
		expect(report.problems).toEqual([]);
	});

	it('the same stack in PyTorch’s convention (two biases per gate): 392 + 648 + 10 = 1,050', () => {
		const design = { ...lecture, convention: 'pytorch' as const };
		expect(totals(design)).toEqual([null, 392, 648, 10]);
		expect(describeStack(design).total).toBe(1050);
	});

	it('shapes: (None, 3, 5) → (None, 3, 7) with return_sequences → (None, 9) → (None, 1)', () => {
		expect(shapes(lecture)).toEqual(['(None, 3, 5)', '(None, 3, 7)', '(None, 9)', '(None, 1)']);
	});

	it('the last LSTM with return_sequences hands on (None, 3, 9); the dense head then acts at every step, (None, 3, 1), with the same 10 parameters', () => {
		const design = { ...lecture, layers: lecture.layers.map((l) => ({ ...l, returnSequences: true })) };
		expect(shapes(design)).toEqual(['(None, 3, 5)', '(None, 3, 7)', '(None, 3, 9)', '(None, 3, 1)']);
		expect(totals(design)).toEqual([null, 364, 612, 10]);
	});

	it('a single LSTM(7) without return_sequences hands on (None, 7)', () => {
		const design: StackDesign = { ...lecture, layers: [{ cell: 'lstm', units: 7, returnSequences: false }], head: null };
		expect(shapes(design)).toEqual(['(None, 3, 5)', '(None, 7)']);
	});

	it('the number of steps never enters a count: 3, 50 and 10,000 steps give 986', () => {
		for (const steps of [3, 50, 10_000]) expect(describeStack({ ...lecture, steps }).total).toBe(986);
	});

	it('a recurrent layer fed without the time axis cannot be built, and the message says which layer to fix', () => {
		const design = { ...lecture, layers: lecture.layers.map((l) => ({ ...l, returnSequences: false })) };
		const report = describeStack(design);
		expect(report.total).toBeNull();
		expect(report.problems).toHaveLength(1);
		expect(report.problems[0]).toContain('Layer 2, LSTM(9), needs a sequence');
		expect(report.problems[0]).toContain('(None, 7)');
		expect(report.problems[0]).toContain('Turn return_sequences on for layer 1');
		expect(report.rows[2].output).toBeNull();
		expect(report.rows[3].output).toBeNull();
	});

	it('mixes cells: GRU(4) on 2 features then SimpleRNN(3): Keras 3·(4·2 + 4·4 + 2·4) = 96, then 3·4 + 3·3 + 3 = 24', () => {
		const design: StackDesign = {
			steps: 6,
			features: 2,
			layers: [
				{ cell: 'gru', units: 4, returnSequences: true },
				{ cell: 'rnn', units: 3, returnSequences: false }
			],
			head: null,
			convention: 'keras'
		};
		expect(totals(design)).toEqual([null, 96, 24]);
	});
});
