import { describe, expect, it } from 'vitest';
import { buildNetwork, createRandom, createStepper, forward, oneHotSequence, predict, sample, sampleIndex } from '$lib/engine';
import { codeOf, relativeError } from './helpers';

describe('predict / createStepper', () => {
	const network = buildNetwork({ inputSize: 4, outputSize: 4, layers: [{ cell: 'lstm', hiddenSize: 5 }, { cell: 'gru', hiddenSize: 3 }] }, { seed: 'predict' });

	it('predict streams long sequences in chunks and gives the same outputs as forward', () => {
		const indices = Array.from({ length: 600 }, (_, t) => (t * 7) % 4);
		const streamed = predict(network, oneHotSequence(indices, 4));
		const whole = forward(network, oneHotSequence(indices, 4)).outputs;
		expect(streamed).toHaveLength(600);
		expect(relativeError(Float64Array.from(streamed.flatMap((y) => Array.from(y))), Float64Array.from(whole.flatMap((y) => Array.from(y))))).toBeLessThan(1e-15);
	});

	it('a stepper fed one input at a time follows forward step by step, and reset() starts over', () => {
		const stepper = createStepper(network);
		const whole = forward(network, oneHotSequence([1, 3, 0], 4));
		expect(Array.from(stepper.step(1))).toEqual(Array.from(whole.outputs[0]));
		expect(Array.from(stepper.step([0, 0, 0, 1]))).toEqual(Array.from(whole.outputs[1]));
		expect(Array.from(stepper.step(0))).toEqual(Array.from(whole.outputs[2]));
		expect(Array.from(stepper.state()[0].h)).toEqual(Array.from(whole.layers[0].h[2]));
		stepper.reset();
		expect(Array.from(stepper.step(1))).toEqual(Array.from(whole.outputs[0]));
		expect(codeOf(() => stepper.step(4))).toBe('invalid-argument');
		expect(codeOf(() => stepper.step([1, 2]))).toBe('shape-mismatch');
	});
});

describe('sample / sampleIndex', () => {
	it('the same seed gives the same text', () => {
		const network = buildNetwork({ inputSize: 4, outputSize: 4, layers: [{ cell: 'rnn', hiddenSize: 8 }] }, { seed: 1 });
		const a = sample(network, { prime: [0], length: 20, seed: 'hello', temperature: 0.8 });
		expect(a).toHaveLength(20);
		expect(a).toEqual(sample(network, { prime: [0], length: 20, seed: 'hello', temperature: 0.8 }));
		expect(a.every((i) => i >= 0 && i < 4)).toBe(true);
	});

	it('draws indices with the given probabilities', () => {
		const random = createRandom(3);
		const counts = [0, 0, 0];
		for (let i = 0; i < 3000; i++) counts[sampleIndex([0.2, 0.5, 0.3], random)]++;
		expect(counts[1] / 3000).toBeGreaterThan(0.45);
		expect(counts[1] / 3000).toBeLessThan(0.55);
	});
});
