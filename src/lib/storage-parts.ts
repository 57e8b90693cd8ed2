/**
 * Long texts (a run's weights: up to a few MB) in localStorage without a long task. One `setItem`
 * of 900 kB blocked a 4×-throttled page for 130–330 ms; it costs about the same in slices of
 * `PART_CHARS`, each written in a task of its own. A text that short is one ordinary item.
 *
 * A longer one is kept as a small head under its key, `{"format":"unrolled-parts/1",…}`, and its
 * slices (each a JSON string, so a backup sees valid JSON in every entry) under
 * `unrolled:part:<key after "unrolled:">:<slot>:<i>`. There are two slots per key and a write fills
 * the one the head does not point to, writing the head last: a write cut short (a closed tab, a full
 * storage) leaves the previous text readable, and its leftovers are cleared by the next write.
 */
import type { StorageLike } from '$lib/widgets/trainer/storage';

/** Characters per slice: ~10 ms for one `setItem` on a throttled phone. */
export const PART_CHARS = 32_768;
const FORMAT = 'unrolled-parts/1';
const SLOTS = ['a', 'b'] as const;
type Slot = (typeof SLOTS)[number];
interface Head {
	slot: Slot;
	parts: number;
	length: number;
}

export const partKey = (key: string, slot: Slot, index: number) => `unrolled:part:${key.replace(/^unrolled:/, '')}:${slot}:${index}`;

/** The head under `key`, or null when the item there is an ordinary text (or missing). */
function headOf(text: string | null): Head | null {
	if (text === null || !text.startsWith(`{"format":"${FORMAT}"`)) return null;
	try {
		const head = JSON.parse(text) as Record<string, unknown>;
		const { slot, parts, length } = head;
		if (!SLOTS.includes(slot as Slot) || !Number.isInteger(parts) || !Number.isInteger(length)) return null;
		return { slot: slot as Slot, parts: parts as number, length: length as number };
	} catch {
		return null;
	}
}

/** The text kept under `key`, whole; null when it is missing or a slice is missing or damaged. */
export function readLarge(storage: StorageLike, key: string): string | null {
	const text = storage.getItem(key);
	if (text === null || !text.startsWith(`{"format":"${FORMAT}"`)) return text;
	const head = headOf(text);
	if (!head) return null;
	const slices: string[] = [];
	try {
		for (let i = 0; i < head.parts; i++) {
			const slice: unknown = JSON.parse(storage.getItem(partKey(key, head.slot, i)) ?? 'null');
			if (typeof slice !== 'string') return null;
			slices.push(slice);
		}
	} catch {
		return null;
	}
	const whole = slices.join('');
	return whole.length === head.length ? whole : null;
}

/** Removes a slot's slices: the first `count`, then on until one is missing. */
function clearSlot(storage: StorageLike, key: string, slot: Slot, count = 0): void {
	for (let i = 0; i < count || storage.getItem(partKey(key, slot, i)) !== null; i++) storage.removeItem(partKey(key, slot, i));
}

/** Removes the text under `key` and every slice of it. Never throws. */
export function removeLarge(storage: StorageLike, key: string): void {
	try {
		const head = headOf(storage.getItem(key));
		for (const slot of SLOTS) clearSlot(storage, key, slot, head?.slot === slot ? head.parts : 0);
		storage.removeItem(key);
	} catch {
		// Left as it was.
	}
}

/**
 * The writes, one `yield` between slices. Throws what `setItem` throws, after calling `makeRoom`
 * once and retrying the write that failed; a failed write removes the slices it wrote.
 */
function* writes(storage: StorageLike, key: string, text: string, makeRoom: () => void): Generator<void, void, void> {
	let roomMade = false;
	const set = (k: string, value: string) => {
		try {
			storage.setItem(k, value);
		} catch (error) {
			if (roomMade) throw error;
			roomMade = true;
			makeRoom();
			storage.setItem(k, value);
		}
	};
	const previous = headOf(storage.getItem(key));
	if (text.length <= PART_CHARS) {
		set(key, text);
		if (previous) for (const slot of SLOTS) clearSlot(storage, key, slot);
		return;
	}
	const slot: Slot = previous?.slot === 'a' ? 'b' : 'a';
	const parts = Math.ceil(text.length / PART_CHARS);
	try {
		clearSlot(storage, key, slot);
		for (let i = 0; i < parts; i++) {
			if (i > 0) yield;
			set(partKey(key, slot, i), JSON.stringify(text.slice(i * PART_CHARS, (i + 1) * PART_CHARS)));
		}
		set(key, JSON.stringify({ format: FORMAT, slot, parts, length: text.length }));
	} catch (error) {
		try {
			clearSlot(storage, key, slot);
		} catch {
			// The next write clears it.
		}
		throw error;
	}
	const other = slot === 'a' ? 'b' : 'a';
	try {
		clearSlot(storage, key, other);
	} catch {
		// The next write clears it.
	}
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Keeps `text` under `key`, a slice per task. Rejects as `setItem` throws (see `writes`). */
export async function writeLarge(storage: StorageLike, key: string, text: string, makeRoom: () => void = () => {}): Promise<void> {
	const steps = writes(storage, key, text, makeRoom);
	while (!steps.next().done) await nextTask();
}

/** `writeLarge` in one go, for `pagehide`, where no later task runs. */
export function writeLargeNow(storage: StorageLike, key: string, text: string, makeRoom: () => void = () => {}): void {
	const steps = writes(storage, key, text, makeRoom);
	while (!steps.next().done);
}
