import { describe, expect, it } from 'vitest';
import { TrainingClient, trainingThreads, type WorkerLike } from '$lib/worker/client.svelte';
import { createCoalescer } from '$lib/worker/coalesce';
import { toBatch, type FromWorker, type ToWorker } from '$lib/worker/protocol';
import { DEFAULT_CONFIG } from '$lib/training/config';
import { createTrainerHandler } from '$lib/worker/trainer.worker';

/** A fake worker that records what the page sends, and a hand-run animation-frame queue. */
function setup() {
	const sent: ToWorker[] = [];
	let terminated = 0;
	const worker: WorkerLike = {
		postMessage: (message) => sent.push(message),
		terminate: () => void terminated++,
		onmessage: null,
		onerror: null
	};
	const frames: (() => void)[] = [];
	// Its own chart clock: the page-wide one would carry the previous test's last update over.
	const client = new TrainingClient(
		() => worker,
		{
			request: (callback) => frames.push(callback),
			cancel: () => undefined
		},
		createCoalescer(200)
	);
	const receive = (message: FromWorker) => worker.onmessage?.({ data: message } as MessageEvent<FromWorker>);
	const runFrames = () => frames.splice(0).forEach((f) => f());
	return { client, sent, receive, runFrames, terminated: () => terminated, worker };
}

/** Connects, starts a run and has the worker answer ready; the run's id. */
function started(t: ReturnType<typeof setup>): number {
	t.client.connect();
	t.client.start(DEFAULT_CONFIG);
	const run = (t.sent[0] as Extract<ToWorker, { type: 'start' }>).run;
	t.receive({ type: 'ready', run, step: 0, info: { title: '', summary: '', inputSize: 4, outputSize: 4, trainCount: 1, testCount: 0, sequenceLength: 4, parameters: 10 } });
	return run;
}

const point = (step: number) => ({ step, loss: 1 / step, gradNorm: 2 });

describe('client.svelte.ts: the page’s side', () => {
	it('creates the worker only on connect, and terminates it on dispose', () => {
		const t = setup();
		expect(t.worker.onmessage).toBeNull();
		t.client.connect();
		expect(t.worker.onmessage).not.toBeNull();
		t.client.dispose();
		expect(t.terminated()).toBe(1);
	});

	it('applies progress once per animation frame, however many messages arrive', () => {
		const t = setup();
		const run = started(t);
		expect(t.client.status).toBe('running');
		const revision = t.client.revision;
		for (let i = 1; i <= 100; i++) {
			t.receive({ type: 'progress', run, step: i, epoch: i, loss: 1 / i, gradNorm: 2, stepsPerSec: 500, points: toBatch([point(i)]) });
		}
		expect(t.client.step).toBe(0);
		expect(t.client.revision).toBe(revision);
		t.runFrames();
		expect(t.client.step).toBe(100);
		expect(t.client.revision).toBe(revision + 1);
		expect(t.client.history.step).toHaveLength(100);
		expect(t.client.stepsPerSec).toBe(500);
	});

	it('keeps the last speed of a run that ends before the page’s next frame', () => {
		const t = setup();
		const run = started(t);
		t.receive({ type: 'progress', run, step: 150, epoch: 1, loss: 0.5, gradNorm: 2, stepsPerSec: 900, points: toBatch([point(150)]) });
		t.receive({ type: 'done', run, step: 150, reason: 'budget' });
		expect(t.client.status).toBe('done');
		expect(t.client.stepsPerSec).toBe(0);
		expect(t.client.lastStepsPerSec).toBe(900);
		t.client.start(DEFAULT_CONFIG);
		expect(t.client.lastStepsPerSec).toBe(0);
	});

	it('runs no more trainings at once than the thread limit; the next starts when one ends', () => {
		const saved = trainingThreads.max;
		// Runs of earlier tests that never ended still hold their threads: allow exactly one more.
		trainingThreads.max = trainingThreads.running + 1;
		try {
			const a = setup();
			const b = setup();
			a.client.start(DEFAULT_CONFIG);
			b.client.start(DEFAULT_CONFIG);
			expect(a.sent.map((m) => m.type)).toEqual(['start']);
			expect(b.sent).toEqual([]);
			expect(b.client.status).toBe('starting');
			expect(b.client.queued).toBe(true);
			const run = (a.sent[0] as Extract<ToWorker, { type: 'start' }>).run;
			a.receive({ type: 'done', run, reason: 'budget', step: 10 } as FromWorker);
			expect(b.sent.map((m) => m.type)).toEqual(['start']);
			expect(b.client.queued).toBe(false);
			// Stopping a run that still waits frees its place without ever starting it.
			const c = setup();
			c.client.start(DEFAULT_CONFIG);
			c.client.stop();
			b.client.dispose();
			expect(c.sent.filter((m) => m.type === 'start')).toEqual([]);
		} finally {
			trainingThreads.max = saved;
		}
	});

	it('ignores messages of a replaced run and shows worker errors', () => {
		const t = setup();
		t.client.connect();
		t.client.start(DEFAULT_CONFIG);
		t.client.start({ ...DEFAULT_CONFIG, hidden: 8 });
		const [first, second] = t.sent as Extract<ToWorker, { type: 'start' }>[];
		t.receive({ type: 'progress', run: first.run, step: 5, epoch: 5, loss: 1, gradNorm: 1, stepsPerSec: 1, points: toBatch([point(5)]) });
		t.runFrames();
		expect(t.client.step).toBe(0);
		t.receive({ type: 'error', run: second.run, message: 'training diverged: loss became NaN at step 3 — lower the learning rate or turn on clipping' });
		expect(t.client.status).toBe('error');
		expect(t.client.error).toMatch(/^training diverged/);
	});

	it('drives the real handler end to end: stop is obeyed and the snapshot is a run file', async () => {
		const queue: (() => void)[] = [];
		let worker!: WorkerLike;
		const handle = createTrainerHandler(
			{ postMessage: (message) => queueMicrotask(() => worker.onmessage?.({ data: structuredClone(message) } as MessageEvent<FromWorker>)) },
			{ schedule: (task) => queue.push(task) }
		);
		worker = { postMessage: (message) => handle(structuredClone(message)), terminate: () => undefined, onmessage: null, onerror: null };
		const frames: (() => void)[] = [];
		const client = new TrainingClient(() => worker, { request: (f) => frames.push(f), cancel: () => undefined });
		client.connect();
		client.start({ ...DEFAULT_CONFIG, steps: 20000 });
		for (let i = 0; i < 3; i++) queue.shift()?.();
		await Promise.resolve();
		client.stop();
		queue.splice(0).forEach((task) => task());
		await new Promise((resolve) => setTimeout(resolve, 0));
		frames.splice(0).forEach((f) => f());
		expect(client.error).toBeNull();
		expect(client.status).toBe('stopped');
		const stoppedAt = client.step;
		expect(stoppedAt).toBeGreaterThan(0);
		expect(client.history.step.at(-1)).toBe(stoppedAt);
		const snapshot = client.snapshot('mine');
		const text = await snapshot;
		expect(JSON.parse(text)).toMatchObject({ format: 'unrolled-run/1', name: 'mine', step: stoppedAt });
		client.dispose();
	});

	it('gets the worker’s gradient measurement by its id, also when a run starts before the answer', async () => {
		let worker!: WorkerLike;
		const handle = createTrainerHandler(
			{ postMessage: (message) => queueMicrotask(() => worker.onmessage?.({ data: structuredClone(message) } as MessageEvent<FromWorker>)) },
			{ schedule: () => undefined }
		);
		worker = { postMessage: (message) => handle(structuredClone(message)), terminate: () => undefined, onmessage: null, onerror: null };
		const client = new TrainingClient(() => worker, { request: () => 0, cancel: () => undefined });
		const config = { ...DEFAULT_CONFIG, task: 'echo' as const, layers: 2 };
		const answer = client.gradients(config);
		client.start(config);
		const report = await answer;
		expect(report.parts.map((p) => p.name)).toEqual(['Layer 1', 'Layer 2', 'Head']);
		expect(report.parts.every((p) => p.rms > 0)).toBe(true);
		await expect(client.gradients({ ...config, task: 'sine' })).rejects.toThrow(/echo task/);
		client.dispose();
	});
});
