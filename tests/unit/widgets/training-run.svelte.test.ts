import { describe, expect, it } from 'vitest';
import { RUN_STATUS_WORDS, STATUS_WORDS, TrainingRun, isRepeatClick } from '$lib/ui/training-run.svelte';
import { TrainingClient, trainingThreads, type WorkerLike } from '$lib/worker/client.svelte';
import type { FromWorker, ToWorker, TrainConfig } from '$lib/worker/protocol';
import { DEFAULT_CONFIG } from '$lib/training/config';

/** A TrainingRun on a fake worker, inside an effect root (as in a component). */
function setup(options: { usable?: () => boolean } = {}) {
	const sent: ToWorker[] = [];
	const worker: WorkerLike = { postMessage: (m) => sent.push(m), terminate: () => undefined, onmessage: null, onerror: null };
	const client = new TrainingClient(() => worker, { request: () => 0, cancel: () => undefined });
	const settings = $state({ config: { ...DEFAULT_CONFIG, steps: 50 } as TrainConfig });
	let starts = 0;
	// Node runs Svelte's server build, where effects do not run: the page's mount is done by hand.
	const run = new TrainingRun({ config: () => settings.config, client, usable: options.usable, beforeStart: () => void starts++ });
	client.connect();
	const destroy = () => client.dispose();
	const receive = (message: FromWorker) => worker.onmessage?.({ data: message } as MessageEvent<FromWorker>);
	const lastRun = () => (sent.filter((m) => m.type === 'start').at(-1) as Extract<ToWorker, { type: 'start' }>).run;
	const ready = () => receive({ type: 'ready', run: lastRun(), step: 0, info: { title: '', summary: '', inputSize: 4, outputSize: 4, trainCount: 1, testCount: 0, sequenceLength: 4, parameters: 10 } });
	return { run, client, sent, settings, receive, ready, lastRun, destroy, starts: () => starts };
}

const click = (detail: number) => ({ detail }) as MouseEvent;

describe('TrainingRun: one run of a widget', () => {
	it('Train starts, Pause pauses, Resume resumes; the second click of a double click is ignored', () => {
		const t = setup();
		expect(t.run.actionLabel).toBe('Train');
		expect(t.run.statusWord()).toBe('Not trained yet');
		t.run.toggle(click(1));
		t.run.toggle(click(2));
		expect(t.sent.filter((m) => m.type === 'start')).toHaveLength(1);
		expect(t.sent.some((m) => m.type === 'pause')).toBe(false);
		expect(t.starts()).toBe(1);
		t.ready();
		expect(t.run.running).toBe(true);
		expect(t.run.actionLabel).toBe('Pause');
		expect(t.run.statusWord()).toBe('Training');
		t.run.toggle(click(1));
		expect(t.client.status).toBe('paused');
		expect(t.run.actionLabel).toBe('Resume');
		t.run.toggle(click(0));
		expect(t.sent.at(-1)?.type).toBe('resume');
		t.destroy();
	});

	it('a run of other settings is stale: the button trains afresh on the new ones', () => {
		const t = setup();
		t.run.toggle();
		t.ready();
		t.run.toggle();
		expect(t.run.stale).toBe(false);
		t.settings.config = { ...t.settings.config, hidden: 7 };
		expect(t.run.stale).toBe(true);
		expect(t.run.actionLabel).toBe('Train again');
		t.run.toggle();
		const start = t.sent.filter((m) => m.type === 'start').at(-1) as Extract<ToWorker, { type: 'start' }>;
		expect(start.config.hidden).toBe(7);
		expect(t.run.stale).toBe(false);
		t.destroy();
	});

	it('says when a run waits for a free core, and when it has finished', () => {
		const saved = trainingThreads.max;
		trainingThreads.max = 0;
		try {
			const t = setup();
			t.run.start();
				expect(t.run.phase).toBe('queued');
			expect(t.run.statusWord()).toBe(STATUS_WORDS.queued);
			expect(t.run.statusWord(RUN_STATUS_WORDS)).toBe('waiting for a free core');
			trainingThreads.max = saved;
			t.client.stop();
			t.run.start();
			t.ready();
			t.receive({ type: 'done', run: t.lastRun(), reason: 'budget', step: 50 });
				expect(t.run.statusWord()).toBe('Trained');
			expect(t.run.statusWord(RUN_STATUS_WORDS)).toBe('finished');
			t.destroy();
		} finally {
			trainingThreads.max = saved;
		}
	});

	it('starts nothing while the settings cannot train', () => {
		const t = setup({ usable: () => false });
		t.run.toggle();
		expect(t.sent.some((m) => m.type === 'start')).toBe(false);
		t.destroy();
	});

	it('isRepeatClick: only a second (or later) click of the same burst', () => {
		expect([undefined, click(0), click(1), click(2), click(3)].map((e) => isRepeatClick(e))).toEqual([false, false, false, true, true]);
	});
});
