// The worker's side jobs for lesson 13: naming a recording's steps for the recorder (`classify`),
// and runs that evaluate only at their end (`quiet`, the leave-one-person-out folds).
import { describe, expect, it } from 'vitest';
import { createNetwork, initialize, toJSON } from '$lib/engine';
import { classifyRecording } from '$lib/activity/classify';
import { lectureData, toRecording } from '$lib/activity/lecture';
import type { Recording } from '$lib/activity/recording';
import { DEFAULT_CONFIG } from '$lib/training/config';
import { RecordingClassifier } from '$lib/worker/classify-client';
import type { WorkerLike } from '$lib/worker/client.svelte';
import type { FromWorker, TrainConfig } from '$lib/worker/protocol';
import { harness } from './harness';

const network = initialize(createNetwork({ inputSize: 3, layers: [{ cell: 'lstm', hiddenSize: 8 }], outputSize: 5 }), { seed: 11 });
network.params.forEach((w, i) => (network.params[i] = 6 * w));
const walk = toRecording(lectureData().recordings[0]);
const clip: Recording = { ...walk, xyz: walk.xyz.slice(0, 3 * 4000), labels: walk.labels.slice(0, 4000) };
const expected = Array.from(classifyRecording(network, clip));

describe('the worker names a recording’s steps (classify)', () => {
	it('answers with exactly the whole-recording pass, in slices, reporting how far it is', () => {
		// A slice of 3 fake milliseconds holds one or two chunks of 500 steps.
		const h = harness(2, 3);
		h.send({ type: 'classify', id: 4, network: toJSON(network), rate: 50, xyz: clip.xyz });
		expect(h.of('classified')).toEqual([]);
		const turns = h.pump();
		expect(turns).toBeGreaterThan(1);
		const [done] = h.of('classified');
		expect(done.id).toBe(4);
		expect(Array.from(done.predicted)).toEqual(expected);
		expect(new Set(expected).size).toBeGreaterThan(1);
		const fractions = h.of('classify-progress').map((m) => m.fraction);
		expect(fractions.length).toBeGreaterThan(0);
		expect(fractions.every((f, i) => f > 0 && f < 1 && (i === 0 || f > fractions[i - 1]))).toBe(true);
	});

	it('a new request replaces an unfinished one; a cancelled one never answers', () => {
		const h = harness(2, 3);
		h.send({ type: 'classify', id: 1, network: toJSON(network), rate: 50, xyz: clip.xyz });
		h.pump(1);
		h.send({ type: 'classify', id: 2, network: toJSON(network), rate: 50, xyz: clip.xyz.slice(0, 3000) });
		h.pump();
		expect(h.of('classified').map((m) => m.id)).toEqual([2]);
		expect(Array.from(h.of('classified')[0].predicted)).toEqual(expected.slice(0, 1000));
		h.send({ type: 'classify', id: 3, network: toJSON(network), rate: 50, xyz: clip.xyz });
		h.pump(1);
		h.send({ type: 'cancel-classify', id: 3 });
		h.pump();
		expect(h.of('classified').map((m) => m.id)).toEqual([2]);
	});

	it('a broken network or another rate is answered with a sentence, not a crash', () => {
		const h = harness();
		h.send({ type: 'classify', id: 5, network: { format: 'nonsense' }, rate: 50, xyz: clip.xyz });
		h.send({ type: 'classify', id: 6, network: toJSON(network), rate: 100, xyz: clip.xyz });
		h.pump();
		const errors = h.of('classify-error');
		expect(errors.map((m) => m.id)).toEqual([5, 6]);
		expect(errors[1].message).toBe("The recording has 100 samples per second; resample it to 50 (the training data's rate) first.");
		expect(errors[0].message.length).toBeGreaterThan(10);
		expect(h.of('error')).toEqual([]);
	});

	it('the page’s RecordingClassifier gets the answer and the progress through a worker', async () => {
		const h = harness(2, 3);
		const fake: WorkerLike = {
			postMessage: (message) => h.send(message),
			terminate: () => {},
			onmessage: null,
			onerror: null
		};
		const classifier = new RecordingClassifier(() => fake);
		const progress: number[] = [];
		const job = classifier.classify(toJSON(network), clip.xyz, 50, (f) => progress.push(f));
		h.pump();
		for (const message of h.sent) fake.onmessage?.({ data: message } as MessageEvent<FromWorker>);
		expect(Array.from(await job.result)).toEqual(expected);
		expect(progress.length).toBeGreaterThan(0);

		const failing = classifier.classify({ format: 'nonsense' }, clip.xyz, 50);
		h.pump();
		fake.onmessage?.({ data: h.sent.at(-1)! } as MessageEvent<FromWorker>);
		await expect(failing.result).rejects.toThrow(/./);
	});
});

describe('quiet runs (the leave-one-person-out folds)', () => {
	const echo: TrainConfig = { ...DEFAULT_CONFIG, task: 'echo', hidden: 16, steps: 300, seed: 3 };

	it('evaluate once, at the end, with the same training as a run that evaluates as it goes', () => {
		const loud = harness();
		loud.send({ type: 'start', run: 1, config: echo });
		loud.pump();
		const quiet = harness();
		quiet.send({ type: 'start', run: 1, config: echo, quiet: true });
		quiet.pump();
		expect(loud.of('evaluation').length).toBeGreaterThan(1);
		expect(quiet.of('evaluation').map((m) => m.evaluation.step)).toEqual([300]);
		expect(quiet.of('evaluation')[0]).toEqual(loud.of('evaluation').at(-1));
		expect(quiet.of('done')).toEqual([{ type: 'done', run: 1, reason: 'budget', step: 300 }]);
	});
});
