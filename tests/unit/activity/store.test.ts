// The browser store of the student's recordings: what is saved comes back the same, a refused save
// changes nothing, and damaged entries are skipped without being deleted.
import { describe, expect, it } from 'vitest';
import { MAX_STORED_STEPS, RECORDINGS_INDEX, createRecordingStore, recordingKey, type RecordingStorage } from '$lib/activity/store';
import { sampleRecording } from './sample';

class MapStorage implements RecordingStorage {
	map = new Map<string, string>();
	capacity = Infinity;
	getItem(k: string) {
		return this.map.get(k) ?? null;
	}
	setItem(k: string, v: string) {
		let used = k.length + v.length;
		for (const [key, value] of this.map) if (key !== k) used += key.length + value.length;
		if (used > this.capacity) throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
		this.map.set(k, v);
	}
	removeItem(k: string) {
		this.map.delete(k);
	}
}

describe('recording store', () => {
	it('gives back what was saved, in saving order, to float32 precision', async () => {
		const storage = new MapStorage();
		const store = createRecordingStore(() => storage);
		const a = sampleRecording('a', 3000, 'walk to the shop');
		const b = sampleRecording('b', 40);
		await store.saveRecording(a);
		await store.saveRecording(b);
		const list = await store.listRecordings();
		expect(list.map((r) => r.name)).toEqual(['walk to the shop', 'b']);
		expect(list[0].labels).toEqual(a.labels);
		expect(list[0].createdAt).toBe(a.createdAt);
		let worst = 0;
		for (let i = 0; i < a.xyz.length; i++) worst = Math.max(worst, Math.abs(list[0].xyz[i] - a.xyz[i]));
		expect(worst).toBeLessThan(1e-7);
		// 50 Hz × 60 s costs about 17 characters a step.
		expect(storage.getItem(recordingKey('a'))!.length / 3000).toBeLessThan(18);
	});

	it('replaces a recording saved again under its id, and deletes it', async () => {
		const storage = new MapStorage();
		const store = createRecordingStore(() => storage);
		await store.saveRecording(sampleRecording('a', 10, 'first'));
		await store.saveRecording(sampleRecording('a', 20, 'renamed'));
		expect((await store.listRecordings()).map((r) => [r.name, r.labels.length])).toEqual([['renamed', 20]]);
		await store.deleteRecording('a');
		expect(await store.listRecordings()).toEqual([]);
		expect(storage.map.size).toBe(1);
		expect(storage.getItem(RECORDINGS_INDEX)).toBe('[]');
	});

	it('tells listeners about saves and deletes, until they unsubscribe', async () => {
		const store = createRecordingStore(() => new MapStorage());
		let calls = 0;
		const stop = store.onRecordingsChange(() => calls++);
		await store.saveRecording(sampleRecording('a', 10));
		await store.deleteRecording('a');
		stop();
		await store.saveRecording(sampleRecording('b', 10));
		expect(calls).toBe(2);
	});

	it('refuses a save the browser has no room for, changing nothing', async () => {
		const storage = new MapStorage();
		const store = createRecordingStore(() => storage);
		await store.saveRecording(sampleRecording('a', 100));
		const before = new Map(storage.map);
		storage.capacity = [...before].reduce((n, [k, v]) => n + k.length + v.length, 0) + 500;
		await expect(store.saveRecording(sampleRecording('b', 5000, 'long walk'))).rejects.toThrow(/full, so “long walk” was not saved.*CSV/);
		await expect(store.saveRecording(sampleRecording('a', 5000))).rejects.toThrow(/full/);
		expect(storage.map).toEqual(before);
	});

	it('refuses recordings it cannot keep, naming why', async () => {
		const store = createRecordingStore(() => new MapStorage());
		const nan = sampleRecording('n', 10);
		nan.xyz[13] = NaN;
		await expect(store.saveRecording(nan)).rejects.toThrow(/Step 5 has a value that is not a number/);
		await expect(store.saveRecording(sampleRecording('x', MAX_STORED_STEPS + 1))).rejects.toThrow(/at most 90,000 steps/);
		await expect(store.saveRecording(sampleRecording('bad id!', 3))).rejects.toThrow(/id/);
		await expect(createRecordingStore(() => null).saveRecording(sampleRecording('a', 3))).rejects.toThrow(/private mode/);
	});

	it('skips a damaged entry without deleting it', async () => {
		const storage = new MapStorage();
		const store = createRecordingStore(() => storage);
		await store.saveRecording(sampleRecording('a', 10));
		await store.saveRecording(sampleRecording('b', 10));
		storage.setItem(recordingKey('a'), storage.getItem(recordingKey('a'))!.replace('"steps":10', '"steps":11'));
		expect((await store.listRecordings()).map((r) => r.id)).toEqual(['b']);
		expect(storage.getItem(recordingKey('a'))).not.toBeNull();
	});
});
