import { describe, expect, it } from 'vitest';
import { buildNetwork, createNetwork, initialize } from '$lib/engine';
import { codeOf } from './helpers';

const spec = { inputSize: 5, outputSize: 3, layers: [{ cell: 'lstm' as const, hiddenSize: 6 }, { cell: 'rnn' as const, hiddenSize: 4 }] };

describe('initialize / buildNetwork', () => {
	it('the same seed gives the same weights; another seed different ones', () => {
		expect(buildNetwork(spec, { seed: 7 }).params).toEqual(buildNetwork(spec, { seed: 7 }).params);
		expect(buildNetwork(spec, { seed: 'seven' }).params).not.toEqual(buildNetwork(spec, { seed: 7 }).params);
	});

	it("'pytorch' (default): cell parameters in ±1/√H, head in ±1/√fanIn, zero initial states", () => {
		const network = buildNetwork(spec, { seed: 1 });
		const [lstm, rnn] = network.layers;
		const inside = (values: Float64Array, bound: number) => values.every((v) => Math.abs(v) <= bound);
		expect(inside(network.params.subarray(0, rnn.offWx), 1 / Math.sqrt(6))).toBe(true);
		expect(inside(rnn.params.Whh, 1 / Math.sqrt(4))).toBe(true);
		expect(inside(network.head.W, 1 / Math.sqrt(4))).toBe(true);
		expect(Math.max(...lstm.params.Whf.map(Math.abs))).toBeGreaterThan(0.3);
		expect(lstm.h0.every((v) => v === 0) && lstm.c0!.every((v) => v === 0)).toBe(true);
	});

	it("'keras': orthogonal recurrent weights, zero biases with forget bias 1, Glorot input and head", () => {
		const network = buildNetwork(spec, { seed: 3, preset: 'keras' });
		const rnn = network.layers[1];
		const W = rnn.params.Whh;
		for (let i = 0; i < 4; i++) {
			for (let j = 0; j < 4; j++) {
				let dot = 0;
				for (let r = 0; r < 4; r++) dot += W[r * 4 + i] * W[r * 4 + j];
				expect(dot).toBeCloseTo(i === j ? 1 : 0, 12);
			}
		}
		const lstm = network.layers[0];
		expect(Array.from(lstm.params.bf)).toEqual([1, 1, 1, 1, 1, 1]);
		expect(Array.from(lstm.params.bi)).toEqual([0, 0, 0, 0, 0, 0]);
		const limit = Math.sqrt(6 / (5 + 4 * 6));
		expect(lstm.params.Wxg.every((v) => Math.abs(v) <= limit)).toBe(true);
		expect(network.head.b.every((v) => v === 0)).toBe(true);
	});

	it('identity recurrent weights scaled by recurrentScale (IRNN, radius slider)', () => {
		const network = buildNetwork({ inputSize: 1, outputSize: 1, layers: [{ cell: 'rnn', hiddenSize: 3 }] }, { seed: 1, recurrent: 'identity', recurrentScale: 0.9 });
		expect(Array.from(network.layers[0].params.Whh)).toEqual([0.9, 0, 0, 0, 0.9, 0, 0, 0, 0.9]);
	});

	it('normal, uniform and zeros initialisers', () => {
		const network = createNetwork({ inputSize: 40, outputSize: 1, layers: [{ cell: 'rnn', hiddenSize: 50 }] });
		initialize(network, { seed: 4, input: { kind: 'normal', std: 2 }, recurrent: { kind: 'uniform', limit: 0.1 }, bias: 'zeros' });
		const Wxh = network.layers[0].params.Wxh;
		const std = Math.sqrt(Wxh.reduce((a, v) => a + v * v, 0) / Wxh.length);
		expect(std).toBeGreaterThan(1.8);
		expect(std).toBeLessThan(2.2);
		expect(network.layers[0].params.Whh.every((v) => Math.abs(v) <= 0.1)).toBe(true);
		expect(network.layers[0].params.bh.every((v) => v === 0)).toBe(true);
	});

	it('forgetBias and inputBias shift only the LSTM forget and input gate biases (the long-lag widget: +3 / −3)', () => {
		const plain = buildNetwork(spec, { seed: 5 });
		const gated = buildNetwork(spec, { seed: 5, forgetBias: 3, inputBias: -3 });
		const [lstm, rnn] = gated.layers;
		lstm.params.bf.forEach((v, i) => expect(v).toBeCloseTo(plain.layers[0].params.bf[i] + 3, 12));
		lstm.params.bi.forEach((v, i) => expect(v).toBeCloseTo(plain.layers[0].params.bi[i] - 3, 12));
		expect(lstm.params.bg).toEqual(plain.layers[0].params.bg);
		expect(lstm.params.bo).toEqual(plain.layers[0].params.bo);
		expect(gated.params.subarray(rnn.offWx)).toEqual(plain.params.subarray(rnn.offWx));
	});

	it('needs a seed and known initialisers', () => {
		expect(codeOf(() => initialize(createNetwork(spec), {} as never))).toBe('invalid-argument');
		expect(codeOf(() => buildNetwork(spec, { seed: 1, preset: 'jax' as never }))).toBe('invalid-argument');
		expect(codeOf(() => buildNetwork(spec, { seed: 1, input: 'identity' }))).toBe('invalid-argument');
	});
});
