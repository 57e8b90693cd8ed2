import { describe, expect, it } from 'vitest';
import {
	EngineError,
	LIMITS,
	backward,
	buildNetwork,
	createNetwork,
	createTrainer,
	forward,
	jacobianNormMatrix,
	oneHotSequence
} from '$lib/engine';
import { codeOf } from './helpers';

const network = () => buildNetwork({ inputSize: 2, outputSize: 2, layers: [{ cell: 'lstm', hiddenSize: 3 }] }, { seed: 1 });

describe('bad input raises an EngineError with a code and a message a student understands', () => {
	it('NaN or Infinity in a weight names the parameter', () => {
		const net = network();
		net.layers[0].params.Whf[4] = NaN;
		let error: EngineError | undefined;
		try {
			forward(net, [[1, 2]]);
		} catch (e) {
			error = e as EngineError;
		}
		expect(error).toBeInstanceOf(EngineError);
		expect(error?.code).toBe('not-finite');
		expect(error?.message).toBe('Layer 1 Whf[1][1] is NaN; every weight must be a finite number.');
		const inf = network();
		inf.head.b[1] = Infinity;
		expect(codeOf(() => backward(inf, [[1, 2]], { kind: 'softmax-ce', targets: [0] }))).toBe('not-finite');
		const h0 = network();
		h0.layers[0].c0![0] = -Infinity;
		expect(codeOf(() => forward(h0, [[1, 2]]))).toBe('not-finite');
	});

	it('NaN in an input names the step', () => {
		expect(() => forward(network(), [[1, 2], [NaN, 0]])).toThrow('Input step 2, position 0 is NaN');
	});

	it('inputs of the wrong width, or one-hot inputs from another vocabulary, are shape mismatches', () => {
		expect(codeOf(() => forward(network(), [[1, 2, 3]]))).toBe('shape-mismatch');
		expect(codeOf(() => forward(network(), oneHotSequence([1], 5)))).toBe('shape-mismatch');
	});

	it('unknown cells and sizes beyond LIMITS', () => {
		expect(codeOf(() => createNetwork({ inputSize: 2, outputSize: 2, layers: [{ cell: 'elman' as 'rnn', hiddenSize: 3 }] }))).toBe('unknown-cell');
		expect(codeOf(() => createNetwork({ inputSize: LIMITS.maxInputSize + 1, outputSize: 2, layers: [{ cell: 'rnn', hiddenSize: 3 }] }))).toBe('too-large');
		expect(codeOf(() => createNetwork({ inputSize: 2, outputSize: 2, layers: Array(LIMITS.maxLayers + 1).fill({ cell: 'rnn', hiddenSize: 2 }) }))).toBe('too-large');
		expect(codeOf(() => createNetwork({ inputSize: 2.5, outputSize: 2, layers: [{ cell: 'rnn', hiddenSize: 3 }] }))).toBe('invalid-argument');
	});

	it('Jacobian requests that would freeze the page are refused', () => {
		const big = buildNetwork({ inputSize: 1, outputSize: 1, layers: [{ cell: 'lstm', hiddenSize: 300 }] }, { seed: 1 });
		expect(codeOf(() => jacobianNormMatrix(big, Array.from({ length: 400 }, () => [0])))).toBe('too-large');
	});

	it('bad training options', () => {
		expect(codeOf(() => createTrainer(network(), { optimizer: { kind: 'sgd', lr: 0.1 }, clipNorm: -1 }))).toBe('invalid-argument');
		expect(codeOf(() => createTrainer(network(), { optimizer: { kind: 'sgd', lr: 0.1 }, tbptt: 0 }))).toBe('invalid-argument');
		expect(codeOf(() => createTrainer(network(), { optimizer: { kind: 'sgd', lr: 0.1 } }).stepBatch([]))).toBe('invalid-argument');
	});
});
