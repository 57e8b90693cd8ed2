import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/widgets/params';
import { finalLoss, firstToTop, parametersOf, runsOf, schema } from '$lib/widgets/depth/model';
import { seededNetwork } from '$lib/training/network';
import { createSession } from '$lib/training/session';
import { evaluateNow } from '$lib/training/evaluation';
import { gradientsOf } from '$lib/widgets/depth/model';

const values = defaults(schema);

describe('depth widget model', () => {
	it('three runs that differ only in depth', () => {
		const runs = runsOf(values);
		expect(runs.map((r) => r.config.layers)).toEqual([1, 2, 3]);
		const strip = (c: (typeof runs)[number]['config']) => ({ ...c, layers: 0 });
		expect(strip(runs[1].config)).toEqual(strip(runs[0].config));
		expect(strip(runs[2].config)).toEqual(strip(runs[0].config));
	});

	it('parameter counts equal the networks the worker builds (LSTM 16 on echo: 1,898, 4,010, 6,122)', () => {
		const counts = runsOf(values).map((r) => seededNetwork(r.config).params.length);
		expect([1, 2, 3].map((k) => parametersOf(values, k))).toEqual(counts);
		expect(counts).toEqual([1898, 4010, 6122]);
	});

	it('at the start, layer 1 of the 3-layer LSTM gets less gradient per parameter than layer 3 (seeds 1–3)', () => {
		for (const seed of [1, 2, 3]) {
			const run = runsOf({ ...values, seed })[2];
			const ratio = firstToTop(gradientsOf(seededNetwork(run.config), seed));
			expect(ratio).toBeLessThan(0.5);
		}
	});

	it('lesson 10’s claim at the defaults (seeds 1–3): one and two layers end at or near full test accuracy, three layers mostly short of it', { timeout: 120_000 }, () => {
		const accuracy = (seed: number) =>
			runsOf({ ...values, seed }).map((run) => {
				const session = createSession(run.config);
				session.runSteps(run.config.steps);
				return evaluateNow(session).classes!.accuracy;
			});
		const results = [1, 2, 3].map(accuracy);
		for (const [one, two] of results) {
			expect(one).toBeGreaterThanOrEqual(0.9);
			expect(two).toBeGreaterThanOrEqual(0.9);
		}
		expect(results.filter(([, , three]) => three < 0.9).length).toBeGreaterThanOrEqual(2);
	});

	it('final loss is the mean of the last tenth', () => {
		expect(finalLoss([])).toBeNull();
		expect(finalLoss([...Array(18).fill(9), 1, 3])).toBe(2);
		expect(finalLoss([5])).toBe(5);
	});
});
