import { describe, expect, it } from 'vitest';
import { PART_CHARS, partKey, readLarge, removeLarge, writeLarge, writeLargeNow } from '$lib/storage-parts';
import { readBackup } from '$lib/backup';
import type { StorageLike } from '$lib/widgets/trainer/storage';

/** A Map-backed storage that can be made to refuse writes (full) from a given write on. */
function memoryStorage(limit = Infinity) {
	const data = new Map<string, string>();
	let refuseFrom = Infinity;
	let writes = 0;
	const storage: StorageLike = {
		getItem: (key) => data.get(key) ?? null,
		setItem: (key, value) => {
			writes++;
			const used = [...data.entries()].reduce((n, [k, v]) => n + (k === key ? 0 : v.length), 0);
			if (writes >= refuseFrom || used + value.length > limit) throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
			data.set(key, value);
		},
		removeItem: (key) => void data.delete(key)
	};
	return { storage, data, refuseFrom: (n: number) => ((refuseFrom = writes + n), (writes = writes)), writes: () => writes };
}

const KEY = 'unrolled:run:depth:0badc0de';
/** Text with quotes, backslashes and non-ASCII, longer than three slices. */
const long = (seed: string) => JSON.stringify({ seed, w: Array.from({ length: 9000 }, (_, i) => `${seed}"\\é${i}`) });

describe('long texts in localStorage, a slice per task', () => {
	it('keeps a short text as one ordinary item', async () => {
		const { storage, data } = memoryStorage();
		await writeLarge(storage, KEY, '{"short":true}');
		expect([...data]).toEqual([[KEY, '{"short":true}']]);
		expect(readLarge(storage, KEY)).toBe('{"short":true}');
	});

	it('splits a long text into slices, written in separate tasks, and reads it back whole', async () => {
		const { storage, data, writes } = memoryStorage();
		const text = long('x');
		expect(text.length).toBeGreaterThan(3 * PART_CHARS);
		const writing = writeLarge(storage, KEY, text);
		// Only the first slice is written before the page gets the thread back.
		expect(writes()).toBe(1);
		expect(readLarge(storage, KEY)).toBeNull();
		await writing;
		expect(readLarge(storage, KEY)).toBe(text);
		expect(data.get(KEY)!.length).toBeLessThan(200);
		// Every item is JSON, as a backup requires.
		const backup = readBackup(JSON.stringify({ format: 'unrolled-backup', version: 1, exportedAt: new Date(0).toISOString(), entries: Object.fromEntries(data) }));
		expect(backup.ok).toBe(true);
	});

	it('replaces a text without losing the old one until the new one is whole', async () => {
		const { storage, data, refuseFrom } = memoryStorage();
		await writeLarge(storage, KEY, long('old'));
		// The storage fills up half way through the next write (and making room does not help).
		refuseFrom(2);
		await expect(writeLarge(storage, KEY, long('new'))).rejects.toThrow('full');
		expect(readLarge(storage, KEY)).toBe(long('old'));
		refuseFrom(Infinity);
		await writeLarge(storage, KEY, long('newer'));
		expect(readLarge(storage, KEY)).toBe(long('newer'));
		// Only the newest slices are left.
		const slices = [...data.keys()].filter((k) => k.startsWith('unrolled:part:'));
		expect(slices).toHaveLength(Math.ceil(long('newer').length / PART_CHARS));
		// Back to a short text: the slices go.
		writeLargeNow(storage, KEY, '"short"');
		expect([...data.keys()]).toEqual([KEY]);
	});

	it('makes room once when the storage is full, then tries again', async () => {
		const text = long('x');
		const { storage, data } = memoryStorage(text.length * 3);
		data.set('unrolled:run:depth:other', 'o'.repeat(text.length * 2));
		let asked = 0;
		await writeLarge(storage, KEY, text, () => {
			asked++;
			data.delete('unrolled:run:depth:other');
		});
		expect(asked).toBe(1);
		expect(readLarge(storage, KEY)).toBe(text);
	});

	it('refuses a damaged or incomplete text, and removes every slice', async () => {
		const { storage, data } = memoryStorage();
		await writeLarge(storage, KEY, long('x'));
		const head = data.get(KEY)!;
		const first = partKey(KEY, JSON.parse(head).slot, 0);
		data.set(first, '"cut"');
		expect(readLarge(storage, KEY)).toBeNull();
		data.set(first, 'not json');
		expect(readLarge(storage, KEY)).toBeNull();
		data.delete(first);
		expect(readLarge(storage, KEY)).toBeNull();
		data.set(KEY, head.replace('"slot":"a"', '"slot":"z"'));
		expect(readLarge(storage, KEY)).toBeNull();
		// The head says how many slices there were, so a gap does not leave the later ones behind.
		data.set(KEY, head);
		removeLarge(storage, KEY);
		expect(data.size).toBe(0);
		expect(readLarge(storage, KEY)).toBeNull();
	});
});
