import { describe, expect, it } from 'vitest';
import { fromBatch, type TrainConfig } from '$lib/worker/protocol';
import { DEFAULT_CONFIG } from '$lib/training/config';
import { createSession } from '$lib/training/session';
import { downsampleHistory } from '$lib/training/run-file';
import { harness } from './harness';
import { seededNetwork } from '$lib/training/network';
import { gradientsOf } from '$lib/training/layer-gradients';
import { fromJSON, sampleTrace } from '$lib/engine';

const echo: TrainConfig = { ...DEFAULT_CONFIG, task: 'echo', hidden: 16, steps: 300, seed: 3 };

describe('trainer.worker.ts: the message handler', () => {
	it('gives exactly the losses of training.ts run directly, in several time slices', () => {
		const direct = createSession(echo).runSteps(300);

		const h = harness();
		h.send({ type: 'start', run: 7, config: echo });
		h.pump();
		const progress = h.of('progress');
		expect(progress.length).toBeGreaterThan(5);
		const points = progress.flatMap((m) => fromBatch(m.points));
		expect(points).toEqual(direct);
		expect(h.sent.every((m) => m.run === 7)).toBe(true);
		expect(h.of('ready')[0].info.trainCount).toBe(500);
		const done = h.of('done');
		expect(done).toEqual([{ type: 'done', run: 7, reason: 'budget', step: 300 }]);
		// A last evaluation comes before “done”; others came while training.
		const evaluations = h.of('evaluation');
		expect(evaluations.length).toBeGreaterThan(1);
		expect(evaluations[evaluations.length - 1].evaluation.step).toBe(300);
		expect(h.sent.indexOf(evaluations[evaluations.length - 1])).toBeLessThan(h.sent.indexOf(done[0]));
		const last = progress[progress.length - 1];
		expect(last.step).toBe(300);
		expect(last.epoch).toBeCloseTo(300 / 500);
	});

	it('batches progress: fewer messages than slices, and still every step', () => {
		const often = harness(0);
		often.send({ type: 'start', run: 1, config: echo });
		often.pump();
		const rare = harness(100);
		rare.send({ type: 'start', run: 1, config: echo });
		rare.pump();
		expect(rare.of('progress').length).toBeLessThan(often.of('progress').length / 3);
		expect(rare.of('progress').flatMap((m) => fromBatch(m.points))).toEqual(often.of('progress').flatMap((m) => fromBatch(m.points)));
	});

	it('pause stops the step counter at once; step trains exactly one; resume carries on; stop ends the run', () => {
		const h = harness();
		h.send({ type: 'start', run: 1, config: { ...echo, steps: 5000 } });
		h.pump(3);
		h.send({ type: 'pause' });
		const paused = h.of('paused')[0].step;
		expect(paused).toBeGreaterThan(0);
		h.pump();
		const stepAfter = () => Math.max(0, ...h.of('progress').map((m) => m.step));
		expect(stepAfter()).toBe(paused);

		h.send({ type: 'step' });
		h.pump();
		expect(stepAfter()).toBe(paused + 1);

		h.send({ type: 'resume' });
		h.pump(3);
		expect(stepAfter()).toBeGreaterThan(paused + 1);
		h.send({ type: 'stop' });
		const stoppedAt = stepAfter();
		expect(h.of('done')).toEqual([{ type: 'done', run: 1, reason: 'stopped', step: stoppedAt }]);
		h.pump();
		expect(stepAfter()).toBe(stoppedAt);
		// Losses still match a direct run, pauses and single steps included.
		const direct = createSession({ ...echo, steps: 5000 }).runSteps(stoppedAt);
		expect(h.of('progress').flatMap((m) => fromBatch(m.points))).toEqual(direct);
	});

	it('a learning-rate change applies from the next slice on, the same as in a direct run', () => {
		const h = harness();
		h.send({ type: 'start', run: 2, config: echo });
		h.pump(1);
		const at = h.of('progress')[0].step;
		h.send({ type: 'set-lr', lr: 0.002 });
		h.pump();

		const session = createSession(echo);
		const before = session.runSteps(at);
		session.setLearningRate(0.002);
		const after = session.runSteps(300);
		expect(h.of('progress').flatMap((m) => fromBatch(m.points))).toEqual([...before, ...after]);
	});

	it('reports a bad configuration and divergence as error messages', () => {
		const h = harness();
		h.send({ type: 'start', run: 3, config: { ...echo, hidden: 10000 } });
		expect(h.of('error')).toEqual([{ type: 'error', run: 3, message: 'hidden must be a whole number from 1 to 128, but it is 10000.' }]);

		h.send({ type: 'start', run: 4, config: { ...DEFAULT_CONFIG, task: 'sine', optimizer: 'sgd', lr: 10, clip: 0, steps: 2000 } });
		h.pump();
		const error = h.of('error').find((m) => m.run === 4)!;
		expect(error.message).toMatch(/^training diverged: loss became NaN at step \d+ — lower the learning rate or turn on clipping$/);
		expect(h.of('done').filter((m) => m.run === 4)).toEqual([]);
	});

	it('answers sample requests and snapshots, and a new start replaces the old run', () => {
		const h = harness();
		const ask = { prime: [0], length: 12, temperature: 0.7, seed: 3 };
		h.send({ type: 'generate', id: 8, ...ask });
		expect(h.of('generated')).toEqual([{ type: 'generated', run: 0, id: 8, message: 'There are no weights yet: train first.' }]);
		h.send({ type: 'start', run: 5, config: { ...DEFAULT_CONFIG, steps: 20 } });
		h.pump();
		h.send({ type: 'samples', temperature: 0.5 });
		const samples = h.of('evaluation').at(-1)!.evaluation.samples!;
		expect(samples.temperature).toBe(0.5);
		expect(samples.prime).toBe('h');
		h.send({ type: 'snapshot', id: 9, name: 'mine' });
		const snapshot = h.of('snapshot')[0];
		expect(snapshot.id).toBe(9);
		expect(JSON.parse(snapshot.text)).toMatchObject({ format: 'unrolled-run/1', name: 'mine', step: 20 });
		// Thinned by the worker for a page that keeps a compact copy: the same run, fewer points.
		h.send({ type: 'snapshot', id: 12, name: 'mine', points: 5 });
		const thin = JSON.parse(h.of('snapshot').at(-1)!.text);
		expect(thin.history).toEqual(downsampleHistory(JSON.parse(snapshot.text).history, 5));
		expect(thin.history.step).toHaveLength(5);
		expect(thin.network).toEqual(JSON.parse(snapshot.text).network);

		// Generation with the run's weights, as the sampler asks every couple of seconds: the engine's
		// steps for the snapshot's weights.
		h.send({ type: 'generate', id: 10, ...ask });
		const generated = h.of('generated').at(-1)!;
		if (!('steps' in generated)) throw new Error(generated.message);
		expect(generated.id).toBe(10);
		expect(generated.step).toBe(20);
		expect(generated.steps).toEqual(sampleTrace(fromJSON(JSON.parse(snapshot.text).network), ask));
		expect(generated.steps).toHaveLength(12);
		// A request the engine refuses gets its message; the run goes on.
		h.send({ type: 'generate', id: 11, ...ask, prime: [] });
		expect(h.of('generated').at(-1)).toEqual({ type: 'generated', run: 5, id: 11, message: expect.stringContaining('starting character') });
		expect(h.of('error')).toEqual([]);

		h.send({ type: 'start', run: 6, config: { ...echo, steps: 10 }, paused: true });
		h.pump();
		expect(h.of('paused').at(-1)).toEqual({ type: 'paused', run: 6, step: 0 });
		expect(h.of('progress').filter((m) => m.run === 6)).toEqual([]);
	});

	it('measures the gradient per layer of the untrained network and of the run, without touching the run', () => {
		const deep = { ...echo, cell: 'lstm' as const, layers: 3, steps: 40 };
		const h = harness();
		h.send({ type: 'gradients', id: 1 });
		expect(h.of('gradients')[0]).toEqual({ type: 'gradients', run: 0, id: 1, message: 'There is no run to measure yet: train first.' });
		h.send({ type: 'gradients', id: 2, config: deep });
		const start = h.of('gradients')[1];
		expect(start).toEqual({ type: 'gradients', run: 0, id: 2, report: gradientsOf(seededNetwork(deep), deep.seed) });
		if (!('report' in start)) throw new Error(start.message);
		expect(start.report.parts.map((p) => p.name)).toEqual(['Layer 1', 'Layer 2', 'Layer 3', 'Head']);

		h.send({ type: 'start', run: 3, config: deep });
		h.pump();
		h.send({ type: 'gradients', id: 3 });
		h.send({ type: 'snapshot', id: 4, name: 'trained' });
		const trained = h.of('gradients')[2];
		const weights = fromJSON(JSON.parse(h.of('snapshot')[0].text).network);
		expect(trained).toEqual({ type: 'gradients', run: 3, id: 3, report: gradientsOf(weights, deep.seed) });
		expect(trained).not.toEqual({ ...start, run: 3, id: 3 });
		// A task without the held-out echo batch gets a message, and the run is not failed by it.
		h.send({ type: 'gradients', id: 5, config: { ...DEFAULT_CONFIG, task: 'lag' } });
		expect(h.of('gradients')[3]).toMatchObject({ id: 5, message: expect.stringMatching(/echo task/) });
		expect(h.of('error')).toEqual([]);
	});
});
