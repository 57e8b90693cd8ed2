import { describe, expect, it } from 'vitest';
import { buildNetwork, cloneNetwork, createNetwork, parameterViews, specOf } from '$lib/engine';
import { codeOf } from './helpers';

describe('createNetwork', () => {
	it('exposes each parameter by its reference name as a view into the flat vector', () => {
		const network = createNetwork({ inputSize: 3, outputSize: 2, layers: [{ cell: 'lstm', hiddenSize: 4 }] });
		const layer = network.layers[0];
		expect(Object.keys(layer.params)).toEqual(['Wxi', 'Whi', 'bi', 'Wxf', 'Whf', 'bf', 'Wxg', 'Whg', 'bg', 'Wxo', 'Who', 'bo']);
		layer.params.Whf[5] = 42;
		expect(network.params[layer.offWh + 4 * 4 + 5]).toBe(42);
		expect(layer.params.Wxi.buffer).toBe(network.params.buffer);
	});

	it('lays out gates as fused blocks: Wx [G·H × I], then Wh [G·H × H], then biases', () => {
		const network = createNetwork({ inputSize: 2, outputSize: 1, layers: [{ cell: 'gru', hiddenSize: 3, variant: 'reset-after' }] });
		const layer = network.layers[0];
		expect(layer.offWx).toBe(0);
		expect(layer.offWh).toBe(3 * 3 * 2);
		expect(layer.offB).toBe(layer.offWh + 3 * 3 * 3);
		expect(layer.offBhn).toBe(layer.offB + 9);
		expect(layer.params.bhn.byteOffset / 8).toBe(layer.offBhn);
	});

	it('gives a stacked layer the hidden size of the layer below as its input size', () => {
		const network = createNetwork({ inputSize: 5, outputSize: 1, layers: [{ cell: 'lstm', hiddenSize: 7 }, { cell: 'gru', hiddenSize: 9 }] });
		expect(network.layers[1].inputSize).toBe(7);
		expect(network.layers[1].variant).toBe('reset-after');
		expect(network.head.inputSize).toBe(9);
		expect(specOf(network).layers).toEqual([{ cell: 'lstm', hiddenSize: 7 }, { cell: 'gru', hiddenSize: 9, variant: 'reset-after' }]);
	});

	it('rejects unknown cells, unknown variants and sizes beyond the limits', () => {
		expect(codeOf(() => createNetwork({ inputSize: 1, outputSize: 1, layers: [{ cell: 'transformer' as 'rnn', hiddenSize: 2 }] }))).toBe('unknown-cell');
		expect(codeOf(() => createNetwork({ inputSize: 1, outputSize: 1, layers: [{ cell: 'gru', hiddenSize: 2, variant: 'sideways' as 'reset-after' }] }))).toBe('unknown-variant');
		expect(codeOf(() => createNetwork({ inputSize: 1, outputSize: 1, layers: [{ cell: 'rnn', hiddenSize: 2000 }] }))).toBe('too-large');
		expect(codeOf(() => createNetwork({ inputSize: 1, outputSize: 1, layers: [{ cell: 'rnn', hiddenSize: 0 }] }))).toBe('invalid-argument');
		expect(codeOf(() => createNetwork({ inputSize: 4096, outputSize: 4096, layers: [{ cell: 'lstm', hiddenSize: 1024 }, { cell: 'lstm', hiddenSize: 1024 }] }))).toBe('too-large');
		expect(codeOf(() => createNetwork({ inputSize: 1, outputSize: 1, layers: [] }))).toBe('invalid-argument');
	});
});

describe('cloneNetwork and parameterViews', () => {
	it('a clone has the same weights and states but its own memory', () => {
		const network = buildNetwork({ inputSize: 2, outputSize: 2, layers: [{ cell: 'lstm', hiddenSize: 3 }] }, { seed: 5 });
		network.layers[0].c0![1] = 0.25;
		const copy = cloneNetwork(network);
		expect(copy.params).toEqual(network.params);
		expect(copy.layers[0].c0).toEqual(network.layers[0].c0);
		copy.params[0] += 1;
		expect(copy.params[0]).not.toBe(network.params[0]);
	});

	it('views any buffer of the same layout by parameter name', () => {
		const network = createNetwork({ inputSize: 2, outputSize: 3, layers: [{ cell: 'rnn', hiddenSize: 2 }] });
		const buffer = Float64Array.from({ length: network.params.length }, (_, i) => i);
		const views = parameterViews(network, buffer);
		expect(Array.from(views.layers[0].Wxh)).toEqual([0, 1, 2, 3]);
		expect(views.head.b.length).toBe(3);
		expect(codeOf(() => parameterViews(network, new Float64Array(3)))).toBe('shape-mismatch');
	});
});
