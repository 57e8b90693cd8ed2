// Leave-one-person-out in the activity trainer: the fold configurations, the mean and spread, the
// time left, and the run itself on a fake worker — folds in order, each kept at once, a stopped
// or reloaded run carrying on with the missing ones, the trainer's own saved network untouched.
import { describe, expect, it } from 'vitest';
import { TrainingClient, type WorkerLike } from '$lib/worker/client.svelte';
import type { FromWorker, StepReport, ToWorker } from '$lib/worker/protocol';
import type { StorageLike } from '$lib/widgets/saved-runs';
import { configOf, schema } from '$lib/widgets/activity-trainer/model';
import { defaults } from '$lib/widgets/params';
import { FOLDS, emptyFolds, foldConfig, foldOf, lopoTimeLeft, nextFold, readFolds, spreadOf, spreadSentence, type Fold } from '$lib/widgets/activity-trainer/lopo';
import { LeaveOneOut } from '$lib/widgets/activity-trainer/lopo.svelte';

function memoryStorage(): StorageLike & { data: Map<string, string> } {
	const data = new Map<string, string>();
	return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

const base = configOf({ ...defaults(schema), epochs: 0.1 });

function report(person: string, near: [number, number], elsewhere: [number, number]): StepReport {
	const correct = near[0] + elsewhere[0];
	const count = near[1] + elsewhere[1];
	return {
		person,
		steps: count,
		classNames: ['sitting', 'standing', 'walking', 'dancing', 'running'],
		count,
		accuracy: correct / count,
		confusion: [],
		near: { correct: near[0], count: near[1], accuracy: near[0] / near[1] },
		elsewhere: { correct: elsewhere[0], count: elsewhere[1], accuracy: elsewhere[0] / elsewhere[1] },
		timeline: { binSteps: 1, truth: [], predicted: [] }
	};
}

const fold = (heldOut: number, right: number, of = 100): Fold => ({ heldOut, person: `P${heldOut}`, all: { correct: right, count: of }, near: { correct: 0, count: 0 }, elsewhere: { correct: right, count: of } });

describe('leave-one-person-out: the pure part', () => {
	it('a fold is the setup with one person held out; its tallies add up to the report', () => {
		const c = foldConfig(base, 3);
		expect(c.perStep).toEqual({ ...base.perStep, heldOut: 3 });
		expect({ ...c, perStep: base.perStep }).toEqual(base);
		const f = foldOf(3, report('Dev', [30, 100], [600, 900]));
		expect(f.all).toEqual({ correct: 630, count: 1000 });
		expect(f.near).toEqual({ correct: 30, count: 100 });
		expect(f.person).toBe('Dev');
	});

	it('mean, sample standard deviation and range over the folds done; none before two', () => {
		const folds = emptyFolds();
		folds[0] = fold(0, 50);
		expect(spreadOf(folds, 'all')).toMatchObject({ n: 1, mean: 0.5, sd: null });
		expect(spreadSentence(folds, String)).toBeNull();
		folds[4] = fold(4, 70);
		folds[6] = fold(6, 90);
		const s = spreadOf(folds, 'all')!;
		expect(s.n).toBe(3);
		expect(s.mean).toBeCloseTo(0.7, 12);
		expect(s.sd).toBeCloseTo(0.2, 12);
		expect(s.min).toEqual({ value: 0.5, person: 'P0' });
		expect(s.max).toEqual({ value: 0.9, person: 'P6' });
		// A fold with no steps near a change does not count there.
		expect(spreadOf(folds, 'near')).toBeNull();
		expect(spreadSentence(folds, (x) => `${Math.round(x * 100)}%`)).toBe('Over the 3 people held out so far, per-step accuracy averages 70% with a standard deviation of 20%: from 50% on P0 to 90% on P6.');
		expect(nextFold(folds)).toBe(1);
	});

	it('time left: the updates left at the current speed, then the measured length of a fold', () => {
		expect(lopoTimeLeft({ foldsLeft: 7, step: 0, budget: 100, updatesPerSec: 0, secondsPerFold: null, elapsedInFold: 3 })).toBeNull();
		expect(lopoTimeLeft({ foldsLeft: 7, step: 40, budget: 100, updatesPerSec: 20, secondsPerFold: null, elapsedInFold: 2 })).toBe((60 + 600) / 20);
		expect(lopoTimeLeft({ foldsLeft: 3, step: 40, budget: 100, updatesPerSec: 20, secondsPerFold: 8, elapsedInFold: 5 })).toBe(3 + 16);
		expect(lopoTimeLeft({ foldsLeft: 1, step: 0, budget: 100, updatesPerSec: 20, secondsPerFold: 8, elapsedInFold: 12 })).toBe(0);
	});

	it('reads back only folds that check out', () => {
		const kept = readFolds({ folds: [fold(0, 5), { ...fold(1, 5), heldOut: 4 }, { ...fold(2, 5), all: { correct: 9, count: 3 } }, null, 'x'] });
		expect(kept.map((f) => f !== null)).toEqual([true, false, false, false, false, false, false]);
		expect(readFolds('nonsense')).toEqual(emptyFolds());
	});
});

/** A LeaveOneOut on a fake worker: the test answers each fold's start as the worker would. */
function setup(storage = memoryStorage()) {
	const sent: ToWorker[] = [];
	const worker: WorkerLike = { postMessage: (m) => sent.push(m), terminate: () => undefined, onmessage: null, onerror: null };
	const client = new TrainingClient(() => worker, { request: () => 0, cancel: () => undefined });
	let time = 0;
	const lopo = new LeaveOneOut({ client, storage: () => storage, now: () => time });
	const receive = (message: FromWorker) => {
		worker.onmessage?.({ data: message } as MessageEvent<FromWorker>);
		lopo.observe();
	};
	const starts = () => sent.filter((m): m is Extract<ToWorker, { type: 'start' }> => m.type === 'start');
	/** The current fold trains to its end in `seconds` and is judged right on `right` of 1,000 steps. */
	const finish = (right: number, seconds = 10, weightsStep?: number) => {
		const start = starts().at(-1)!;
		receive({ type: 'ready', run: start.run, step: 0, info: { title: '', summary: '', inputSize: 3, outputSize: 5, trainCount: 1, testCount: 1, sequenceLength: 1, parameters: 1 } });
		time += seconds * 1000;
		receive({ type: 'evaluation', run: start.run, evaluation: { step: weightsStep ?? start.config.steps, steps: report(`P${start.config.perStep!.heldOut}`, [0, 100], [right, 900]) } });
		receive({ type: 'done', run: start.run, reason: 'budget', step: start.config.steps });
	};
	return { lopo, client, sent, starts, finish, storage, receive, tick: (s: number) => (time += s * 1000) };
}

describe('leave-one-person-out: the run', () => {
	it('trains the folds in order in quiet runs, keeping each as it finishes', () => {
		const t = setup();
		t.lopo.show(base);
		expect(t.lopo.phase).toBe('idle');
		t.lopo.start(base);
		expect(t.lopo.phase).toBe('running');
		for (let k = 0; k < FOLDS; k++) {
			const start = t.starts().at(-1)!;
			expect(start.config).toEqual(foldConfig(base, k));
			expect(start.quiet).toBe(true);
			expect(t.lopo.current).toBe(k);
			// A setup that keeps its best epoch's weights judges those (an earlier step): the fold still counts.
			t.finish(600 + 10 * k, 10, k === 2 ? Math.floor(start.config.steps / 2) : undefined);
			expect(t.lopo.done).toBe(k + 1);
		}
		expect(t.starts()).toHaveLength(FOLDS);
		expect(t.lopo.phase).toBe('done');
		expect(t.lopo.folds.map((f) => f!.all.correct)).toEqual([600, 610, 620, 630, 640, 650, 660]);
		// Kept under the folds' own name, never as the trainer's run (the recorder's network).
		const keys = [...t.storage.data.keys()];
		expect(keys.some((k) => k.startsWith('unrolled:run:activity-lopo:'))).toBe(true);
		expect(keys.some((k) => k.startsWith('unrolled:run:activity-trainer'))).toBe(false);
	});

	it('says the time left from the measured folds', () => {
		const t = setup();
		t.lopo.start(base);
		t.finish(600, 10);
		t.finish(600, 20);
		t.tick(5);
		// Two folds took 15 s on average; 10 s of the third and four more are left.
		expect(t.lopo.timeLeft()).toBe(10 + 4 * 15);
	});

	it('stop keeps the finished folds; a new page carries on with the missing ones', () => {
		const storage = memoryStorage();
		const t = setup(storage);
		t.lopo.start(base);
		t.finish(700);
		t.finish(710);
		t.lopo.stop();
		expect(t.sent.at(-1)?.type).toBe('stop');
		expect(t.lopo.phase).toBe('stopped');
		// The stopped fold ends without counting.
		t.receive({ type: 'done', run: t.starts().at(-1)!.run, reason: 'stopped', step: 3 });
		expect(t.lopo.done).toBe(2);

		const again = setup(storage);
		again.lopo.show(base);
		expect(again.lopo.done).toBe(2);
		expect(again.lopo.phase).toBe('stopped');
		expect(again.lopo.savedAt).not.toBeNull();
		again.lopo.start(base);
		expect(again.starts().map((s) => s.config.perStep!.heldOut)).toEqual([2]);
		// Other settings have their own folds (none yet); going back shows these again.
		again.lopo.stop();
		again.lopo.show({ ...base, seed: 9 });
		expect(again.lopo.done).toBe(0);
		again.lopo.show(base);
		expect(again.lopo.done).toBe(2);
	});

	it('an error in a fold stops the run and says why; the folds done stay', () => {
		const t = setup();
		t.lopo.start(base);
		t.finish(700);
		t.receive({ type: 'error', run: t.starts().at(-1)!.run, message: 'training diverged' });
		expect(t.lopo.phase).toBe('error');
		expect(t.lopo.error).toBe('training diverged');
		expect(t.lopo.done).toBe(1);
	});
});
