import { describe, expect, it } from 'vitest';
import { toJSON } from '$lib/engine';
import type { TrainConfig } from '$lib/worker/protocol';
import { DEFAULT_CONFIG, checkConfig } from '$lib/training/config';
import { networkForConfig, seededNetwork } from '$lib/training/network';
import { createSession } from '$lib/training/session';

const config = (overrides: Partial<TrainConfig> = {}): TrainConfig => ({ ...DEFAULT_CONFIG, task: 'echo', text: '', hidden: 8, ...overrides });

describe('training.ts: stacked layers (lesson 10’s depth comparison)', () => {
	it('layers: 3 builds three layers of the configured cell and width, each reading the one below', () => {
		const network = seededNetwork(config({ cell: 'lstm', layers: 3 }));
		expect(network.layers.map((l) => [l.cell, l.inputSize, l.hiddenSize])).toEqual([
			['lstm', 10, 8],
			['lstm', 8, 8],
			['lstm', 8, 8]
		]);
		expect(createSession(config({ cell: 'lstm', layers: 3 })).info.parameters).toBe(network.params.length);
	});

	it('no layers field (the lab, older saved runs) and layers: 1 both train one layer, with identical losses', () => {
		expect(seededNetwork(config()).layers).toHaveLength(1);
		expect(checkConfig(config({ layers: 1 })).layers).toBeUndefined();
		const a = createSession(config({ steps: 20 })).runSteps(20);
		const b = createSession(config({ steps: 20, layers: 1 })).runSteps(20);
		expect(b).toEqual(a);
	});

	it('a 2-layer run trains and lowers its loss', () => {
		const session = createSession(config({ cell: 'gru', layers: 2, steps: 400 }));
		const points = session.runSteps(400);
		const mean = (p: typeof points) => p.reduce((s, x) => s + x.loss, 0) / p.length;
		expect(mean(points.slice(-50))).toBeLessThan(mean(points.slice(0, 50)));
	});

	it('refuses 0, 5 and 2.5 layers with a message', () => {
		for (const layers of [0, 5, 2.5]) expect(() => checkConfig(config({ layers }))).toThrow(/layers must be a whole number from 1 to 4/);
	});

	it('saved weights must have the configured depth', () => {
		const two = toJSON(seededNetwork(config({ layers: 2 })));
		expect(networkForConfig(two, config({ layers: 2 })).layers).toHaveLength(2);
		expect(() => networkForConfig(two, config({ layers: 3 }))).toThrow(/3 layers of RNN/);
		expect(() => networkForConfig(two, config())).toThrow(/2 layers of RNN/);
	});
});
