import { describe, expect, it } from 'vitest';
import { parseQuery } from '$lib/widgets/params';
import {
	bucketLine,
	thinnedLines,
	configOf,
	differsBeyondLr,
	formatDuration,
	runLabel,
	formatEpoch,
	schema,
	secondsLeft,
	smoothLine,
	tableSteps,
	valueAt
} from '$lib/widgets/trainer/model';
import { sig } from '$lib/ui/format';
import { deleteRun, keepLastRun, listRuns, loadLastRun, loadRun, saveLastRun, saveRun, type StorageLike } from '$lib/widgets/trainer/storage';
import { PART_CHARS } from '$lib/storage-parts';
import { runFileOf, serializeRunFile } from '$lib/training/run-file';
import { DEFAULT_CONFIG } from '$lib/training/config';
import { createSession } from '$lib/training/session';

function memoryStorage(limit = Infinity): StorageLike & { data: Map<string, string> } {
	const data = new Map<string, string>();
	return {
		data,
		getItem: (key) => data.get(key) ?? null,
		setItem: (key, value) => {
			const used = [...data.entries()].reduce((n, [k, v]) => n + (k === key ? 0 : v.length), 0);
			if (used + value.length > limit) throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
			data.set(key, value);
		},
		removeItem: (key) => void data.delete(key)
	};
}

function runText(name: string) {
	const session = createSession({ ...DEFAULT_CONFIG, hidden: 4, steps: 10 });
	session.runSteps(10);
	return serializeRunFile(runFileOf(session, name));
}

describe('trainer widget: URL and view helpers', () => {
	it('reads the lab’s link, refusing bad values with the schema’s messages', () => {
		const parsed = parseQuery(schema, 'task=echo&cell=lstm&hidden=10000&lr=abc&autostart=1');
		expect(configOf(parsed.values)).toMatchObject({ task: 'echo', cell: 'lstm', hidden: 32, lr: 0.01 });
		expect(parsed.values.autostart).toBe(true);
		expect(parsed.issues.map((i) => i.param)).toEqual(['hidden', 'lr']);
	});

	it('only settings that change training count as changed (lr applies live)', () => {
		expect(differsBeyondLr(DEFAULT_CONFIG, { ...DEFAULT_CONFIG, lr: 0.1 })).toBe(false);
		expect(differsBeyondLr({ ...DEFAULT_CONFIG, task: 'echo' }, { ...DEFAULT_CONFIG, task: 'echo', text: 'other' })).toBe(false);
		expect(differsBeyondLr(DEFAULT_CONFIG, { ...DEFAULT_CONFIG, cell: 'gru' })).toBe(true);
		expect(runLabel({ ...DEFAULT_CONFIG, task: 'lag', cell: 'lstm', tbptt: 4 })).toBe('Lag · LSTM 32 · Adam 0.01 · clip 5 · tbptt 4 · lag 10');
		expect(differsBeyondLr({ ...DEFAULT_CONFIG, cell: 'lstm' }, { ...DEFAULT_CONFIG, cell: 'lstm', gateBias: { forget: 1, input: 0 } })).toBe(true);
		expect(differsBeyondLr({ ...DEFAULT_CONFIG, gateBias: { forget: 1, input: 0 } }, { ...DEFAULT_CONFIG, gateBias: { forget: 1, input: 0 } })).toBe(false);
	});

	it('init= sets the LSTM’s gate biases: the lab’s default is the long-lag widget’s, and other cells ignore it', () => {
		const lstm = (query: string) => configOf(parseQuery(schema, `task=lag&cell=lstm&${query}`).values);
		expect(lstm('').gateBias).toEqual({ forget: 3, input: -3 });
		expect(lstm('init=keras').gateBias).toEqual({ forget: 1, input: 0 });
		expect(lstm('init=pytorch').gateBias).toBeUndefined();
		expect(configOf(parseQuery(schema, 'cell=gru&init=chrono').values).gateBias).toBeUndefined();
		expect(parseQuery(schema, 'init=glorot').issues.map((i) => i.param)).toEqual(['init']);
		expect(runLabel(lstm('init=keras'))).toBe('Lag · LSTM 32 · Adam 0.01 · clip 5 · lag 10 · Keras init');
	});

	it('thins a long line to bucket means and keeps each bucket\'s smallest and largest step', () => {
		// A noisy falling loss with one spike: thinning must not hide the spike or the run's ends.
		const n = 10_007;
		const x = Array.from({ length: n }, (_, i) => i + 1);
		const y = x.map((s) => 1 / s + (s % 7) * 0.01 + (s === 5_000 ? 9 : 0));
		const line = bucketLine(x, y, 300);
		expect(line.x).toHaveLength(300);
		expect(line.x.at(-1)).toBe(n);
		expect(Math.max(...line.hi!)).toBe(Math.max(...y));
		expect(Math.min(...line.lo!)).toBe(Math.min(...y));
		// The first bucket covers the first step, the last the last one.
		expect(line.hi![0]).toBe(y[0]);
		expect(line.lo!.at(-1)).toBeLessThanOrEqual(y[n - 1]);
		let from = 0;
		line.x.forEach((last, b) => {
			const bucket = y.slice(from, last);
			expect(line.lo![b]).toBe(Math.min(...bucket));
			expect(line.hi![b]).toBe(Math.max(...bucket));
			expect(line.y[b]).toBeCloseTo(bucket.reduce((a, v) => a + v, 0) / bucket.length, 12);
			from = last;
		});
		expect(from).toBe(n);
	});

	it('thins, smooths and looks up lines for the charts and tables', () => {
		const x = Array.from({ length: 1000 }, (_, i) => i + 1);
		const line = bucketLine(x, x.map(() => 2), 100);
		expect(line.x).toHaveLength(100);
		expect(line.x.at(-1)).toBe(1000);
		expect(new Set(line.y)).toEqual(new Set([2]));
		expect(bucketLine([1, 2], [3, 4])).toEqual({ x: [1, 2], y: [3, 4] });
		expect(smoothLine({ x: [1, 2, 3, 4], y: [4, 0, 4, 0] }, 2).y).toEqual([4, 2, 2, 2]);
		expect(valueAt({ x: [10, 20], y: [1, 2] }, 15)).toBe(1);
		expect(valueAt({ x: [10, 20], y: [1, 2] }, 5)).toBeNull();
		expect(tableSteps(100, 4)).toEqual([25, 50, 75, 100]);
		expect(sig(0.000123)).toBe('1.23×10⁻⁴');
		expect(sig(1234.5678)).toBe('1,235');
		expect(formatDuration(secondsLeft(100, 1100, 10))).toBe('1 min 40 s');
		expect(formatDuration(secondsLeft(0, 10, 0))).toBe('—');
	});
});

describe('trainer widget: runs kept in the browser', () => {
	it('saves, lists, loads and deletes runs; keeps and restores the last run', async () => {
		const storage = memoryStorage();
		const saved = await saveRun(storage, runText('first'));
		expect(saved.ok).toBe(true);
		await saveRun(storage, runText('second'));
		const entries = listRuns(storage);
		expect(entries.map((e) => e.name)).toEqual(['second', 'first']);
		expect(entries[0]).toMatchObject({ task: 'char', cell: 'rnn', hidden: 4, step: 10 });
		const loaded = await loadRun(storage, entries[1].id);
		expect(loaded.ok && loaded.run.name).toBe('first');
		expect(deleteRun(storage, entries[1].id).map((e) => e.name)).toEqual(['second']);
		expect(await loadRun(storage, entries[1].id)).toEqual({ ok: false, message: 'This saved run is gone (the browser may have cleared its storage).' });

		expect(await loadLastRun(storage)).toBeNull();
		expect(saveLastRun(storage, runText('last'))).toEqual({ ok: true });
		expect((await loadLastRun(storage))?.name).toBe('last');
		storage.setItem('unrolled:lab:last', '{"format":"something else"}');
		expect(await loadLastRun(storage)).toBeNull();
	});

	it('keeps a big network’s run in slices, one write per slice, and deleting it removes them', async () => {
		const storage = memoryStorage();
		const session = createSession({ ...DEFAULT_CONFIG, hidden: 80, steps: 5 });
		session.runSteps(5);
		const text = serializeRunFile(runFileOf(session, 'big'));
		expect(text.length).toBeGreaterThan(3 * PART_CHARS);
		const slices = () => [...storage.data.keys()].filter((k) => k.startsWith('unrolled:part:lab:run:'));
		await saveRun(storage, text);
		const [entry] = listRuns(storage);
		expect(slices().length).toBe(Math.ceil(text.length / PART_CHARS));
		const loaded = await loadRun(storage, entry.id);
		expect(loaded.ok && loaded.run.name).toBe('big');
		deleteRun(storage, entry.id);
		expect(slices()).toEqual([]);
		expect(await keepLastRun(storage, text)).toEqual({ ok: true });
		expect((await loadLastRun(storage))?.name).toBe('big');
	});

	it('refuses a broken run and explains a full storage, changing nothing', async () => {
		const storage = memoryStorage(500);
		expect(await saveRun(storage, '{"format": "unrolled-run/1"')).toMatchObject({ ok: false });
		const result = await saveRun(storage, runText('too big'));
		expect(result.ok).toBe(false);
		expect(!result.ok && result.message).toMatch(/^The browser's storage for this site is full \(this run needs \d+ kB\)/);
		expect(listRuns(storage)).toEqual([]);
		expect(storage.data.size).toBe(0);
		expect(await saveRun(null, runText('x'))).toMatchObject({ ok: false });
	});
});

describe('trainer widget: epochs, labels and validation in the link', () => {
	it('counts epochs cleanly: one decimal while few, whole passes with separators after', () => {
		expect(formatEpoch(2.54)).toBe('2.5');
		expect(formatEpoch(20000)).toBe('20,000');
		expect(formatEpoch(12.7)).toBe('12');
	});

	it('labels say the task, the learning-rate changes and the validation settings', () => {
		const config = { ...DEFAULT_CONFIG, task: 'echo' as const, valFraction: 0.3, patience: 500 };
		expect(runLabel(config, [{ step: 500, lr: 0.003 }, { step: 1200, lr: 0.001 }])).toBe(
			'Echo · RNN 32 · Adam 0.01 → 0.003 at step 500 → 0.001 at step 1,200 · clip 5 · validation 30% · patience 500'
		);
	});

	it('a link without val trains exactly as before; val and patience go into the configuration', () => {
		expect(configOf(parseQuery(schema, 'task=echo&patience=300').values)).not.toHaveProperty('valFraction');
		expect(configOf(parseQuery(schema, 'task=echo&patience=300').values)).not.toHaveProperty('patience');
		expect(configOf(parseQuery(schema, 'task=echo&val=0.2&patience=300').values)).toMatchObject({ valFraction: 0.2, patience: 300 });
		expect(parseQuery(schema, 'val=0.9&patience=-1').issues.map((i) => i.param)).toEqual(['val', 'patience']);
		expect(differsBeyondLr(DEFAULT_CONFIG, { ...DEFAULT_CONFIG, valFraction: 0.2 })).toBe(true);
	});
});

describe('thinned lines of several runs', () => {
	it('a run that has not grown keeps its line object; one that grew, or a new run, gets a new line', () => {
		const lineOf = thinnedLines();
		const a = { step: [1, 2, 3], loss: [3, 2, 1] };
		const b = { step: [1, 2], loss: [5, 4] };
		const first = lineOf('a', a.step, a.loss);
		const other = lineOf('b', b.step, b.loss);
		expect(lineOf('a', a.step, a.loss)).toBe(first);
		a.step.push(4);
		a.loss.push(0.5);
		const grown = lineOf('a', a.step, a.loss);
		expect(grown).not.toBe(first);
		expect(grown).toEqual(bucketLine(a.step, a.loss));
		expect(lineOf('b', b.step, b.loss)).toBe(other);
		const again = { step: [1, 2], loss: [5, 4] };
		expect(lineOf('b', again.step, again.loss)).not.toBe(other);
	});
});
