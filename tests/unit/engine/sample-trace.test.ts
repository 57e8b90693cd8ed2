import { describe, expect, it } from 'vitest';
import { buildNetwork, predict, recursiveForecast, sample, sampleTrace, softmax } from '$lib/engine';

const charNet = () => buildNetwork({ inputSize: 4, layers: [{ cell: 'rnn', hiddenSize: 6 }], outputSize: 4 }, { seed: 3 });

describe('sampleTrace(network, options)', () => {
	it('draws exactly what sample() draws, step by step', () => {
		const net = charNet();
		for (const temperature of [0.3, 1, 2.5]) {
			const options = { prime: [0], length: 30, temperature, seed: 'abc' };
			expect(sampleTrace(net, options).map((s) => s.next)).toEqual(sample(net, options));
		}
	});

	it('each step shows softmax(y / T) of the logits, and feeds the drawn index back in', () => {
		const steps = sampleTrace(charNet(), { prime: [2], length: 8, temperature: 0.7, seed: 1 });
		expect(steps[0].input).toBe(2);
		steps.forEach((s, i) => {
			expect(Array.from(s.probabilities)).toEqual(Array.from(softmax(s.logits, 0.7)));
			if (i > 0) expect(s.input).toBe(steps[i - 1].next);
			// The draw falls in the slice of the index it picked.
			const below = s.probabilities.slice(0, s.next).reduce((a, b) => a + b, 0);
			expect(s.draw).toBeGreaterThanOrEqual(below);
			expect(s.draw).toBeLessThan(below + s.probabilities[s.next] + 1e-12);
		});
	});

	it('temperature 0 is greedy: the largest logit every time, with no draw', () => {
		const steps = sampleTrace(charNet(), { prime: [0], length: 10, temperature: 0, seed: 1 });
		for (const s of steps) {
			const best = s.logits.indexOf(Math.max(...s.logits));
			expect(s.next).toBe(best);
			expect(s.probabilities[best]).toBe(1);
			expect(s.draw).toBe(0);
		}
		// A very low temperature agrees with it.
		const cold = sampleTrace(charNet(), { prime: [0], length: 10, temperature: 0.01, seed: 1 });
		expect(cold.map((s) => s.next)).toEqual(steps.map((s) => s.next));
	});

	it('refuses a negative temperature and an empty prime', () => {
		expect(() => sampleTrace(charNet(), { prime: [0], length: 3, temperature: -1, seed: 1 })).toThrow(/temperature/);
		expect(() => sampleTrace(charNet(), { prime: [], length: 3, seed: 1 })).toThrow(/starting character/);
	});
});

describe('recursiveForecast(network, context, window, horizon)', () => {
	const net = buildNetwork({ inputSize: 1, layers: [{ cell: 'gru', hiddenSize: 5 }], outputSize: 1 }, { seed: 2 });
	const context = [0.1, 0.5, -0.2, 0.3, 0.8, -0.4];

	it('the first value is the one-step prediction from the last window', () => {
		const out = recursiveForecast(net, context, 4, 1);
		const y = predict(net, context.slice(2).map((v) => [v]));
		expect(out[0]).toBe(y[y.length - 1][0]);
	});

	it('later values read the model’s own predictions', () => {
		const out = recursiveForecast(net, context, 4, 3);
		const window = [...context.slice(3), out[0]];
		const y = predict(net, window.map((v) => [v]));
		expect(out[1]).toBe(y[y.length - 1][0]);
		const window2 = [context[4], context[5], out[0], out[1]];
		const y2 = predict(net, window2.map((v) => [v]));
		expect(out[2]).toBe(y2[3][0]);
	});

	it('needs a window of context and a 1-in, 1-out network', () => {
		expect(() => recursiveForecast(net, [1, 2], 4, 2)).toThrow(/last 4 values/);
		expect(() => recursiveForecast(charNet(), context, 4, 2)).toThrow(/1 input and 1 output/);
	});
});

describe('meanSquaredError(predictions, targets)', () => {
	it('averages the squared differences', async () => {
		const { meanSquaredError } = await import('$lib/engine');
		expect(meanSquaredError([1, 2, 4], [1, 3, 2])).toBeCloseTo((0 + 1 + 4) / 3, 15);
		expect(() => meanSquaredError([1], [1, 2])).toThrow(/pair up/);
		expect(() => meanSquaredError([Number.NaN], [1])).toThrow();
	});
});
