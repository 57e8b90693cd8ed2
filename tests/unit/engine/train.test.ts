import { describe, expect, it } from 'vitest';
import {
	buildNetwork,
	cloneNetwork,
	createTrainer,
	forward,
	gradient,
	lossOf,
	oneHotSequence,
	trainEpochs
} from '$lib/engine';
import { codeOf, makeProblem, relativeError } from './helpers';

describe('createTrainer(...).step: one epoch over one sequence', () => {
	it('records the loss and gradient norm before the update, then applies p ← p − lr · g', () => {
		const { network, inputs, loss } = makeProblem(21, [{ cell: 'gru', hiddenSize: 3 }], { kind: 'softmax-ce', reduction: 'mean', steps: 5, inputSize: 2, outputSize: 3 });
		const before = cloneNetwork(network);
		const { loss: expectedLoss, flat } = gradient(before, inputs, loss);
		const trainer = createTrainer(network, { optimizer: { kind: 'sgd', lr: 0.3 } });
		const result = trainer.step(inputs, loss);
		expect(result.updates).toHaveLength(1);
		expect(result.loss).toBe(expectedLoss);
		expect(result.updates[0].gradNorm).toBeCloseTo(Math.hypot(...flat), 13);
		expect(result.updates[0].clipScale).toBe(1);
		const stepped = before.params.map((p, i) => p - 0.3 * flat[i]);
		expect(relativeError(network.params, stepped)).toBeLessThan(1e-15);
	});

	it('clipNorm rescales the gradient to the threshold before the update', () => {
		const { network, inputs, loss } = makeProblem(4, [{ cell: 'rnn', hiddenSize: 4 }], { kind: 'mse', reduction: 'sum', steps: 6, inputSize: 2, outputSize: 2 });
		const before = cloneNetwork(network);
		const { flat } = gradient(before, inputs, loss);
		const norm = Math.hypot(...flat);
		const trainer = createTrainer(network, { optimizer: { kind: 'sgd', lr: 1 }, clipNorm: norm / 4 });
		const update = trainer.step(inputs, loss).updates[0];
		expect(update.clipScale).toBeCloseTo(norm / 4 / (norm + 1e-6), 14);
		const moved = Math.hypot(...network.params.map((p, i) => p - before.params[i]));
		expect(moved).toBeCloseTo((norm / 4) * (norm / (norm + 1e-6)), 12);
	});

	it('truncated BPTT: one update per chunk, each chunk continuing from the state the last one ended in', () => {
		const { network, inputs, loss } = makeProblem(8, [{ cell: 'lstm', hiddenSize: 3 }], { kind: 'softmax-ce', reduction: 'mean', steps: 7, inputSize: 2, outputSize: 2 });
		const targets = loss.targets.map((t, i) => (i === 1 || i === 5 ? 1 : t));
		const spec = { ...loss, targets };
		const frozen = cloneNetwork(network);
		const trainer = createTrainer(network, { optimizer: { kind: 'sgd', lr: 1e-12 }, tbptt: 3 });
		const result = trainer.step(inputs, spec);
		expect(result.updates).toHaveLength(3); // chunks of 3, 3, 1
		// With a negligible learning rate, the chunk losses are those of the untrained network over each chunk.
		const trace = forward(frozen, inputs, spec);
		const chunkLoss = (from: number, to: number) => {
			const values = trace.stepLosses!.slice(from, to).filter((v): v is number => v !== null);
			return values.reduce((a, b) => a + b, 0) / values.length;
		};
		expect(result.updates[0].loss).toBeCloseTo(chunkLoss(0, 3), 9);
		expect(result.updates[1].loss).toBeCloseTo(chunkLoss(3, 6), 9);
		expect(result.loss).toBeCloseTo(trace.loss!, 9);
	});

	it('truncated BPTT: a chunk without any target makes no update', () => {
		const network = buildNetwork({ inputSize: 2, outputSize: 2, layers: [{ cell: 'rnn', hiddenSize: 3 }] }, { seed: 2 });
		const trainer = createTrainer(network, { optimizer: { kind: 'sgd', lr: 0.1 }, tbptt: 2 });
		const inputs = [[1, 0], [0, 1], [1, 1], [0, 0], [1, 0]];
		const result = trainer.step(inputs, { kind: 'softmax-ce', targets: [null, null, null, null, 1], reduction: 'sum' });
		expect(result.updates).toHaveLength(1);
	});

	it('tbptt longer than the sequence is full BPTT', () => {
		const { network, inputs, loss } = makeProblem(9, [{ cell: 'rnn', hiddenSize: 3 }], { kind: 'mse', reduction: 'mean', steps: 4, inputSize: 1, outputSize: 1 });
		const copy = cloneNetwork(network);
		createTrainer(network, { optimizer: { kind: 'adam', lr: 0.01 }, tbptt: 10 }).step(inputs, loss);
		createTrainer(copy, { optimizer: { kind: 'adam', lr: 0.01 } }).step(inputs, loss);
		expect(network.params).toEqual(copy.params);
	});

	it('learns "hello": a character model gets the next letter right after a short Adam run', () => {
		const vocab = ['h', 'e', 'l', 'o'];
		const ids = [...'hello'].map((ch) => vocab.indexOf(ch));
		const network = buildNetwork({ inputSize: 4, outputSize: 4, layers: [{ cell: 'rnn', hiddenSize: 8 }] }, { seed: 'hello' });
		const trainer = createTrainer(network, { optimizer: { kind: 'adam', lr: 0.05 } });
		const inputs = oneHotSequence(ids.slice(0, 4), 4);
		const loss = { kind: 'softmax-ce' as const, targets: ids.slice(1), reduction: 'mean' as const };
		const first = trainer.step(inputs, loss).loss;
		const updates = trainEpochs(trainer, inputs, loss, 150);
		expect(updates.at(-1)!.loss).toBeLessThan(first / 10);
		const predicted = forward(network, inputs).outputs.map((y) => y.indexOf(Math.max(...y)));
		expect(predicted).toEqual(ids.slice(1));
	});
});

describe('createTrainer(...).stepBatch', () => {
	it('updates with the mean gradient over the sequences', () => {
		const a = makeProblem(30, [{ cell: 'lstm', hiddenSize: 2 }], { kind: 'softmax-ce', reduction: 'sum', steps: 3, inputSize: 2, outputSize: 2 });
		const b = makeProblem(31, [{ cell: 'lstm', hiddenSize: 2 }], { kind: 'softmax-ce', reduction: 'sum', steps: 5, inputSize: 2, outputSize: 2 });
		const network = a.network;
		const ga = gradient(network, a.inputs, a.loss);
		const gb = gradient(network, b.inputs, b.loss);
		const before = network.params.slice();
		const record = createTrainer(network, { optimizer: { kind: 'sgd', lr: 1 } }).stepBatch([
			{ inputs: a.inputs, loss: a.loss },
			{ inputs: b.inputs, loss: b.loss }
		]);
		expect(record.loss).toBeCloseTo((ga.loss + gb.loss) / 2, 14);
		const expected = before.map((p, i) => p - (ga.flat[i] + gb.flat[i]) / 2);
		expect(relativeError(network.params, expected)).toBeLessThan(1e-14);
	});
});

describe('training that diverges', () => {
	it('raises not-finite instead of continuing with NaN weights', () => {
		const network = buildNetwork({ inputSize: 1, outputSize: 1, layers: [{ cell: 'rnn', hiddenSize: 2 }] }, { seed: 3 });
		const trainer = createTrainer(network, { optimizer: { kind: 'sgd', lr: 1e306 } });
		const loss = { kind: 'mse' as const, targets: [[1e10], [-1e10]], reduction: 'sum' as const };
		expect(
			codeOf(() => {
				for (let i = 0; i < 10; i++) trainer.step([[1], [2]], loss);
			})
		).toBe('not-finite');
		if (!network.params.every(Number.isFinite)) expect(codeOf(() => lossOf(network, [[1], [2]], loss))).toBe('not-finite');
	});
});
