import { describe, expect, it } from 'vitest';
import { cloneNetwork, createTrainer, gradient, lossOf, type Network } from '$lib/engine';
import { makeProblem, relativeError } from './helpers';

/** The network as it was before a chunk, starting from the state that chunk was carried into. */
function startingFrom(network: Network, state: { h: Float64Array; c: Float64Array | null }[]): Network {
	const copy = cloneNetwork(network);
	copy.layers.forEach((layer, k) => {
		layer.h0.set(state[k].h);
		if (layer.c0 && state[k].c) layer.c0.set(state[k].c as Float64Array);
	});
	return copy;
}

describe('createTrainer(...).chunks: truncated BPTT one chunk at a time', () => {
	const T = 11;
	const K = 4;

	it('each chunk’s gradient is the plain BPTT gradient of that chunk from the carried-in state, and matches finite differences', () => {
		const { network, inputs, loss } = makeProblem(31, [{ cell: 'lstm', hiddenSize: 3 }], { kind: 'softmax-ce', reduction: 'mean', steps: T, inputSize: 3, outputSize: 5 });
		const targets = loss.targets.map((t, i) => t ?? i % 5); // every step labelled, as in activity recognition
		const spec = { ...loss, targets };
		// SGD with lr 1: the update is exactly −gradient, so the gradient can be read off the weights.
		const trainer = createTrainer(network, { optimizer: { kind: 'sgd', lr: 1 }, tbptt: K });
		const cursor = trainer.chunks(inputs, spec);
		let chunks = 0;
		while (!cursor.done) {
			const start = cursor.position;
			const steps = Math.min(K, T - start);
			const reference = startingFrom(network, cursor.state());
			const part = inputs.slice(start, start + steps);
			const partLoss = { ...spec, targets: targets.slice(start, start + steps) };
			const { loss: expectedLoss, flat } = gradient(reference, part, partLoss);
			const update = cursor.next();
			expect(update).not.toBeNull();
			expect(update!.loss).toBeCloseTo(expectedLoss, 12);
			const applied = reference.params.map((p, i) => p - network.params[i]);
			expect(relativeError(applied, flat)).toBeLessThan(1e-9);
			// Central differences of the chunk's loss on the same reference network.
			const eps = 1e-6;
			const probe = cloneNetwork(reference);
			const numeric = new Float64Array(flat.length);
			for (let i = 0; i < flat.length; i++) {
				const kept = probe.params[i];
				probe.params[i] = kept + eps;
				const up = lossOf(probe, part, partLoss);
				probe.params[i] = kept - eps;
				const down = lossOf(probe, part, partLoss);
				probe.params[i] = kept;
				numeric[i] = (up - down) / (2 * eps);
			}
			expect(relativeError(numeric, flat)).toBeLessThan(1e-6);
			chunks++;
		}
		expect(chunks).toBe(3); // 4 + 4 + 3 steps
		expect(cursor.next()).toBeNull();
	});

	it('carries h and c across chunks: with a vanishing learning rate the chunk losses add up to the whole sequence’s', () => {
		const { network, inputs, loss } = makeProblem(5, [{ cell: 'lstm', hiddenSize: 4 }], { kind: 'softmax-ce', reduction: 'sum', steps: T, inputSize: 3, outputSize: 5 });
		const whole = lossOf(network, inputs, loss);
		const trainer = createTrainer(network, { optimizer: { kind: 'sgd', lr: 1e-14 }, tbptt: K });
		const cursor = trainer.chunks(inputs, loss);
		let total = 0;
		while (!cursor.done) total += cursor.next()?.loss ?? 0;
		expect(total).toBeCloseTo(whole, 9);
		// Starting every chunk afresh from h0/c0 instead gives a different total: the carry matters.
		let fresh = 0;
		for (let s = 0; s < T; s += K) {
			const part = { ...loss, targets: loss.targets.slice(s, s + K) };
			if (part.targets.some((t) => t !== null)) fresh += lossOf(network, inputs.slice(s, s + K), part);
		}
		expect(Math.abs(fresh - whole)).toBeGreaterThan(1e-3);
	});

	it('asks for a chunk length', () => {
		const { network, inputs, loss } = makeProblem(2, [{ cell: 'lstm', hiddenSize: 2 }], { kind: 'softmax-ce', reduction: 'mean', steps: 4, inputSize: 3, outputSize: 5 });
		expect(() => createTrainer(network, { optimizer: { kind: 'sgd', lr: 0.1 } }).chunks(inputs, loss)).toThrow(/truncated-BPTT length/);
	});
});

describe('createTrainer(...).streams: several sequences side by side, state carried in each', () => {
	it('an update is the mean of each stream’s chunk gradient from its own carried-in state', () => {
		const a = makeProblem(41, [{ cell: 'lstm', hiddenSize: 3 }], { kind: 'softmax-ce', reduction: 'mean', steps: 9, inputSize: 3, outputSize: 5 });
		const b = makeProblem(42, [{ cell: 'lstm', hiddenSize: 3 }], { kind: 'softmax-ce', reduction: 'mean', steps: 6, inputSize: 3, outputSize: 5 });
		const network = a.network;
		for (const layer of network.layers) {
			layer.h0.fill(0);
			layer.c0?.fill(0);
		}
		const items = [a, b].map((p) => ({ inputs: p.inputs, loss: { ...p.loss, targets: p.loss.targets.map((t, i) => t ?? i % 5) } }));
		const trainer = createTrainer(network, { optimizer: { kind: 'sgd', lr: 1 }, tbptt: 4 });
		const cursor = trainer.streams(items);
		const positions = [0, 0];
		let updates = 0;
		while (!cursor.done) {
			const states = cursor.state();
			const before = cloneNetwork(network);
			const expected = new Float64Array(network.params.length);
			let active = 0;
			items.forEach((item, s) => {
				const start = positions[s];
				if (start >= item.inputs.length) return;
				const steps = Math.min(4, item.inputs.length - start);
				const reference = startingFrom(before, [states[s]]);
				const { flat } = gradient(reference, item.inputs.slice(start, start + steps), { ...item.loss, targets: item.loss.targets.slice(start, start + steps) });
				flat.forEach((g, i) => (expected[i] += g));
				positions[s] += steps;
				active++;
			});
			cursor.next();
			const applied = before.params.map((p, i) => p - network.params[i]);
			expect(relativeError(applied, expected.map((g) => g / active))).toBeLessThan(1e-9);
			updates++;
		}
		expect(updates).toBe(3); // the longer stream needs 3 chunks of 4; the shorter one stops after 2
		expect(cursor.position).toBe(15);
	});
});
