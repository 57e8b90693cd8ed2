import { describe, expect, it } from 'vitest';
import { findRun, hashText, keepRun, keepRunText, MAX_KEPT, readKeptRun, restoredNote, runText, savedRunKey, type StorageLike } from '$lib/widgets/saved-runs';
import { downsampleHistory, runFileOf, serializeRunFile } from '$lib/training/run-file';
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

const T = '2026-11-23T17:00:00.000Z';

describe('saved runs of the lesson widgets', () => {
	it('keeps a run under its widget and configuration, and finds it again', async () => {
		const storage = memoryStorage();
		const config = { steps: 10, seed: 1 };
		expect(await keepRun(storage, 'sampler', config, { step: 10, weights: [1, 2] }, T)).toBe(true);
		expect(findRun(storage, 'sampler', config)).toEqual({ savedAt: T, data: { step: 10, weights: [1, 2] } });
		// Another configuration or another widget: nothing.
		expect(findRun(storage, 'sampler', { steps: 10, seed: 2 })).toBeNull();
		expect(findRun(storage, 'forecaster', config)).toBeNull();
		expect(savedRunKey('sampler', config)).toBe(`unrolled:run:sampler:${hashText(JSON.stringify(config))}`);
	});

	it('ignores a corrupt or foreign value under the key', async () => {
		const storage = memoryStorage();
		const config = { seed: 1 };
		const key = savedRunKey('sampler', config);
		for (const bad of ['{not json', 'null', '42', '{"format":"unrolled-saved/1","widget":"sampler","check":"x","savedAt":"2026-01-01","data":1}']) {
			storage.data.set(key, bad);
			expect(findRun(storage, 'sampler', config)).toBeNull();
		}
		// A valid entry kept for another configuration, copied under this key.
		await keepRun(storage, 'sampler', { seed: 2 }, 'other', T);
		storage.data.set(key, storage.data.get(savedRunKey('sampler', { seed: 2 }))!);
		expect(findRun(storage, 'sampler', config)).toBeNull();
	});

	it('never throws: missing storage, a browser that refuses, and a full storage', async () => {
		expect(await keepRun(null, 'sampler', {}, 1)).toBe(false);
		expect(findRun(null, 'sampler', {})).toBeNull();
		const refusing: StorageLike = {
			getItem: () => {
				throw new Error('SecurityError');
			},
			setItem: () => {
				throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
			},
			removeItem: () => {
				throw new Error('SecurityError');
			}
		};
		expect(await keepRun(refusing, 'sampler', {}, 1)).toBe(false);
		expect(findRun(refusing, 'sampler', {})).toBeNull();
		expect(await keepRun(memoryStorage(10), 'sampler', {}, 'x'.repeat(100))).toBe(false);
	});

	it('makes room in a full storage by dropping the widget’s older runs', async () => {
		const storage = memoryStorage(400);
		expect(await keepRun(storage, 'sampler', { seed: 1 }, 'a'.repeat(150), T)).toBe(true);
		expect(await keepRun(storage, 'sampler', { seed: 2 }, 'b'.repeat(150), T)).toBe(true);
		expect(findRun(storage, 'sampler', { seed: 1 })).toBeNull();
		expect(findRun(storage, 'sampler', { seed: 2 })?.data).toBe('b'.repeat(150));
	});

	it(`keeps at most ${MAX_KEPT} configurations per widget, dropping the oldest`, async () => {
		const storage = memoryStorage();
		for (let seed = 1; seed <= MAX_KEPT + 2; seed++) await keepRun(storage, 'forecaster', { seed }, seed, T);
		await keepRun(storage, 'long-lag', { seed: 1 }, 'other widget', T);
		const kept = Array.from({ length: MAX_KEPT + 2 }, (_, i) => findRun(storage, 'forecaster', { seed: i + 1 })?.data ?? null);
		expect(kept).toEqual([null, null, 3, 4, 5]);
		expect(findRun(storage, 'long-lag', { seed: 1 })?.data).toBe('other widget');
		// Keeping an old configuration again makes it the newest.
		await keepRun(storage, 'forecaster', { seed: 3 }, 'again', T);
		await keepRun(storage, 'forecaster', { seed: 6 }, 6, T);
		expect(findRun(storage, 'forecaster', { seed: 3 })?.data).toBe('again');
		expect(findRun(storage, 'forecaster', { seed: 4 })).toBeNull();
		expect([...storage.data.keys()].filter((k) => k.startsWith('unrolled:run:forecaster:'))).toHaveLength(MAX_KEPT);
	});

	it('thins a worker snapshot, stores it, and reads it back with the same weights', async () => {
		const config = { ...DEFAULT_CONFIG, hidden: 4, steps: 500 };
		const session = createSession(config);
		session.runSteps(500);
		// Thinned as the worker thins a snapshot asked for with `points`.
		const full = runFileOf(session, 'x');
		const run = { ...full, history: downsampleHistory(full.history, 50) };
		expect(run!.history.step).toHaveLength(50);
		expect(run!.history.step.at(-1)).toBe(500);
		const storage = memoryStorage();
		await keepRun(storage, 'sampler', config, run, T);
		const back = await readKeptRun(findRun(storage, 'sampler', config)!.data);
		expect(back?.network).toEqual(run!.network);
		expect(back?.step).toBe(500);
		// Weights of the wrong shape, or not a run at all, are refused.
		expect(await readKeptRun({ ...run, config: { ...run!.config, hidden: 5 } })).toBeNull();
		expect(await readKeptRun({ ...run, network: {} })).toBeNull();
		expect(await readKeptRun('text')).toBeNull();
		expect(runText('{')).toBeNull();
		expect(runText(serializeRunFile(run))).not.toBeNull();
	});

	it('keeps a snapshot’s text as it comes: the same entry as keeping the parsed run', async () => {
		const config = { ...DEFAULT_CONFIG, hidden: 3, steps: 40 };
		const session = createSession(config);
		session.runSteps(40);
		const text = serializeRunFile(runFileOf(session, 'x'));
		const [parsed, raw] = [memoryStorage(), memoryStorage()];
		await keepRun(parsed, 'sampler', config, JSON.parse(text), T);
		expect(await keepRunText(raw, 'sampler', config, text, T)).toBe(true);
		expect([...raw.data]).toEqual([...parsed.data]);
		const back = await readKeptRun(findRun(raw, 'sampler', config)!.data);
		expect(back?.network).toEqual(JSON.parse(text).network);
		expect(await keepRunText(null, 'sampler', config, text)).toBe(false);
	});

	it('keeps a long run in slices, and drops the slices with the run', async () => {
		const storage = memoryStorage();
		const weights = Array.from({ length: 20_000 }, (_, i) => Math.sin(i));
		await keepRun(storage, 'depth', { seed: 1 }, { weights }, T);
		expect([...storage.data.keys()].filter((k) => k.startsWith('unrolled:part:')).length).toBeGreaterThan(5);
		expect(findRun(storage, 'depth', { seed: 1 })?.data).toEqual({ weights });
		for (let seed = 2; seed <= MAX_KEPT + 1; seed++) await keepRun(storage, 'depth', { seed }, seed, T);
		expect(findRun(storage, 'depth', { seed: 1 })).toBeNull();
		expect([...storage.data.keys()].filter((k) => k.startsWith('unrolled:part:'))).toEqual([]);
	});

	it('words the note', async () => {
		expect(restoredNote(T)).toMatch(/^Restored your training from .+2026.+\. Train again to start over\.$/);
	});
});
