import { describe, expect, it } from 'vitest';
import { TrainingRuns } from '$lib/ui/training-runs.svelte';
import { TrainingClient, trainingThreads, type WorkerLike } from '$lib/worker/client.svelte';
import type { FromWorker, ToWorker, TrainConfig } from '$lib/worker/protocol';
import { DEFAULT_CONFIG } from '$lib/training/config';

const ids = ['a', 'b'] as const;
type Id = (typeof ids)[number];

/** Two runs on fake workers (Node runs Svelte's server build, where effects do not run: mount by hand). */
function setup() {
	const sent: Record<Id, ToWorker[]> = { a: [], b: [] };
	const workers = {} as Record<Id, WorkerLike>;
	const clients = {} as Record<Id, TrainingClient>;
	for (const id of ids) {
		workers[id] = { postMessage: (m) => sent[id].push(m), terminate: () => undefined, onmessage: null, onerror: null };
		clients[id] = new TrainingClient(() => workers[id], { request: () => 0, cancel: () => undefined });
		clients[id].connect();
	}
	const settings = $state({ hidden: 4 });
	let starts = 0;
	const specs = () => ids.map((id, i) => ({ id, config: { ...DEFAULT_CONFIG, steps: 20, hidden: settings.hidden + i } as TrainConfig }));
	const runs = new TrainingRuns({ ids, specs, clients, onStart: () => void starts++ });
	const receive = (id: Id, message: FromWorker) => workers[id].onmessage?.({ data: message } as MessageEvent<FromWorker>);
	const lastRun = (id: Id) => (sent[id].filter((m) => m.type === 'start').at(-1) as Extract<ToWorker, { type: 'start' }>).run;
	const info = { title: '', summary: '', inputSize: 4, outputSize: 4, trainCount: 1, testCount: 0, sequenceLength: 4, parameters: 10 };
	const ready = (id: Id) => receive(id, { type: 'ready', run: lastRun(id), step: 0, info });
	const destroy = () => ids.forEach((id) => clients[id].dispose());
	return { runs, sent, settings, receive, ready, lastRun, destroy, starts: () => starts };
}

const click = (detail: number) => ({ detail }) as MouseEvent;

describe('TrainingRuns: several runs side by side', () => {
	it('one click starts every run with its own settings; the second click of a double click is ignored', () => {
		const t = setup();
		expect(t.runs.shownKey).toBeNull();
		t.runs.start(click(1));
		t.runs.start(click(2));
		for (const id of ids) expect(t.sent[id].filter((m) => m.type === 'start')).toHaveLength(1);
		expect(t.starts()).toBe(1);
		const hidden = ids.map((id) => (t.sent[id].find((m) => m.type === 'start') as Extract<ToWorker, { type: 'start' }>).config.hidden);
		expect(hidden).toEqual([4, 5]);
		expect(t.runs.active).toBe(true);
		t.runs.stop(click(2));
		expect(t.sent.a.some((m) => m.type === 'stop')).toBe(false);
		t.runs.stop(click(1));
		for (const id of ids) expect(t.sent[id].at(-1)?.type).toBe('stop');
		t.destroy();
	});

	it('says when the settings are no longer those of the runs on show', () => {
		const t = setup();
		expect(t.runs.changed).toBe(false);
		t.runs.start();
		expect(t.runs.changed).toBe(false);
		t.settings.hidden = 9;
		expect(t.runs.changed).toBe(true);
		t.runs.start();
		expect(t.runs.changed).toBe(false);
		t.destroy();
	});

	it('a run has its final result once finished and evaluated at its last step; statuses per run', () => {
		const saved = trainingThreads.max;
		trainingThreads.max = 1;
		try {
			const t = setup();
			t.runs.start();
			// One core: the second run waits its turn.
			expect(t.runs.statusWord('b')).toBe('waiting for a free core');
			t.ready('a');
			expect(t.runs.statusWord('a')).toBe('training');
			const points = { step: Float64Array.of(20), loss: Float64Array.of(0.5), gradNorm: Float64Array.of(1) };
			t.receive('a', { type: 'progress', run: t.lastRun('a'), step: 20, epoch: 1, loss: 0.5, gradNorm: 1, stepsPerSec: 100, points });
			t.receive('a', { type: 'evaluation', run: t.lastRun('a'), evaluation: { step: 19 } } as unknown as FromWorker);
			t.receive('a', { type: 'done', run: t.lastRun('a'), reason: 'budget', step: 20 });
			expect(t.runs.statusWord('a')).toBe('finished');
			// The last evaluation was of an earlier step: the result is not final yet.
			expect(t.runs.final('a')).toBe(false);
			t.receive('a', { type: 'evaluation', run: t.lastRun('a'), evaluation: { step: 20 } } as unknown as FromWorker);
			expect(t.runs.final('a')).toBe(true);
			expect(t.runs.allFinal).toBe(false);
			t.destroy();
		} finally {
			trainingThreads.max = saved;
		}
	});
});
