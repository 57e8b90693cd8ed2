import { describe, expect, it } from 'vitest';
import type { FromWorker, TrainConfig } from '$lib/worker/protocol';
import { DEFAULT_CONFIG, checkConfig } from '$lib/training/config';
import { createSession } from '$lib/training/session';
import { evaluateNow } from '$lib/training/evaluation';
import { parseRunFile, runFileOf, serializeRunFile } from '$lib/training/run-file';
import { createTrainerHandler } from '$lib/worker/trainer.worker';

const wave = Array.from({ length: 60 }, (_, t) => Math.sin(t / 3));
const withSeries = (series: Partial<NonNullable<TrainConfig['series']>> = {}): TrainConfig => ({
	...DEFAULT_CONFIG,
	task: 'sine',
	hidden: 6,
	steps: 40,
	series: { values: wave, window: 6, trainFraction: 0.7, ...series }
});

describe('the sine task with a series of its own (the forecaster’s)', () => {
	it('a configuration without a series trains the lab’s sine exactly as before', () => {
		const lab = createSession({ ...DEFAULT_CONFIG, task: 'sine', hidden: 8, steps: 30 });
		expect(lab.config.series).toBeUndefined();
		expect(lab.info.sequenceLength).toBe(20);
		expect(lab.info.summary).toContain('period 25');
		lab.runSteps(30);
		expect(evaluateNow(lab).forecast!.recursive).toBeUndefined();
	});

	it('checks the series: a bad value is named by its position, a window must fit the training part', () => {
		expect(() => checkConfig(withSeries({ values: [...wave.slice(0, 10), Number.NaN, ...wave.slice(11)] }))).toThrow(/Value number 11 of the series/);
		expect(() => checkConfig(withSeries({ window: 50 }))).toThrow(/must be longer than the window \(50\)/);
		expect(() => checkConfig(withSeries({ trainFraction: 2 }))).toThrow(/trainFraction/);
		expect(checkConfig(withSeries()).series!.values).toEqual(wave);
	});

	it('trains on the given values and saves them in the run file, which reads back', () => {
		const session = createSession(withSeries());
		session.runSteps(40);
		expect(session.info.trainCount).toBe(Math.floor(60 * 0.7) - 6);
		const parsed = parseRunFile(serializeRunFile(runFileOf(session, 'series')));
		expect(parsed.ok && parsed.run.config.series?.window).toBe(6);
		const report = evaluateNow(session, 1, 5).forecast!;
		expect(report.window).toBe(6);
		expect(report.recursive!.index).toEqual(report.index.slice(0, 5));
		// A horizon past the end of the series stops at its last value.
		expect(evaluateNow(session, 1, 1000).forecast!.recursive!.forecast).toHaveLength(report.index.length);
	});

	it('the worker answers a horizon change with a new recursive forecast', () => {
		const sent: FromWorker[] = [];
		const queue: (() => void)[] = [];
		let time = 0;
		const handle = createTrainerHandler({ postMessage: (m) => sent.push(structuredClone(m)) }, { now: () => (time += 1), schedule: (t) => queue.push(t) });
		handle({ type: 'start', run: 1, config: withSeries(), horizon: 4 });
		while (queue.length) queue.shift()!();
		const evaluations = () => sent.filter((m): m is Extract<FromWorker, { type: 'evaluation' }> => m.type === 'evaluation');
		expect(evaluations().at(-1)!.evaluation.forecast!.recursive!.forecast).toHaveLength(4);
		handle({ type: 'forecast', horizon: 9 });
		expect(evaluations().at(-1)!.evaluation.forecast!.recursive!.forecast).toHaveLength(9);
		handle({ type: 'forecast', horizon: 0 });
		expect(evaluations().at(-1)!.evaluation.forecast!.recursive).toBeUndefined();
	});
});

describe('run files of one-input networks (the forecaster’s shape)', () => {
	const config: TrainConfig = { ...DEFAULT_CONFIG, task: 'sine', cell: 'gru', hidden: 1, steps: 20, lr: 0.01 };

	it('are written in the documented format: W_x· as rows of one number, the one-unit head and W_h· too', () => {
		const session = createSession(config);
		session.runSteps(5);
		const run = runFileOf(session, 'one input');
		for (const name of ['Wxr', 'Wxz', 'Wxn', 'Whr', 'Whz', 'Whn']) expect(run.network.layers[0].params[name], name).toEqual([[expect.any(Number)]]);
		expect(run.network.head.W).toEqual([[expect.any(Number)]]);
	});

	it('saved by the previous version (one-column matrices as flat lists) still load, with the same weights', () => {
		const session = createSession(config);
		session.runSteps(5);
		const run = runFileOf(session, 'old');
		const flat = (v: number[] | number[][]) => (Array.isArray(v[0]) ? (v as number[][]).map((row) => row[0]) : v);
		const old = {
			...run,
			network: {
				...run.network,
				layers: run.network.layers.map((l) => ({ ...l, params: Object.fromEntries(Object.entries(l.params).map(([k, v]) => [k, flat(v)])) })),
				head: { W: flat(run.network.head.W), b: run.network.head.b }
			}
		};
		const parsed = parseRunFile(JSON.stringify(old));
		expect(parsed.ok).toBe(true);
		const resumed = createSession(config, { network: parsed.ok ? parsed.run.network : undefined, history: run.history });
		expect(Array.from(resumed.network.params)).toEqual(Array.from(session.network.params));
		expect(serializeRunFile(runFileOf(resumed, 'old', run.savedAt))).toBe(serializeRunFile({ ...run, name: 'old' }));
	});
});
