/**
 * The student's own accelerometer recordings (phone recordings and imported files), kept in this
 * browser's localStorage so that the site's backup file carries them like everything else.
 *
 * Why localStorage and not IndexedDB: the backup (`$lib/backup`) reads and restores storage as one
 * synchronous, all-or-nothing step, and a recording packed as float32 base64 (`codec.ts`) takes
 * about 17 characters a step. Limits: one recording holds at most MAX_STORED_STEPS (30 minutes at
 * 50 Hz, ~1.5 million characters); browsers give a site about 5 million characters of localStorage
 * in all, so roughly 90 minutes of 50 Hz recordings fit beside the rest of the site's data. When the
 * browser refuses, saveRecording rejects with a message and nothing already stored changes.
 *
 * Keys: `unrolled:activity:recordings` lists the ids in the order they were first saved;
 * `unrolled:activity:recording:<id>` holds one recording.
 */

import { decodeRecording, encodeRecording } from './codec';
import type { Recording } from './recording';

export const RECORDINGS_INDEX = 'unrolled:activity:recordings';
export const RECORDING_KEY_PREFIX = 'unrolled:activity:recording:';
export const MAX_STORED_STEPS = 90_000;

export const recordingKey = (id: string) => RECORDING_KEY_PREFIX + id;

export type RecordingStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export class StoreError extends Error {}

export function newRecordingId(now = Date.now()): string {
	return `${now.toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

function browserStorage(): RecordingStorage | null {
	try {
		return globalThis.localStorage ?? null;
	} catch {
		return null;
	}
}

function readIndex(storage: RecordingStorage): string[] {
	try {
		const ids: unknown = JSON.parse(storage.getItem(RECORDINGS_INDEX) ?? '[]');
		return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
	} catch {
		return [];
	}
}

/** Why a recording cannot be stored, or null. */
export function recordingProblem(r: Recording): string | null {
	const steps = r.labels.length;
	if (typeof r.id !== 'string' || !/^[\w.-]{1,64}$/.test(r.id)) return 'Its id must be 1–64 letters, digits, dots or dashes.';
	if (r.xyz.length !== steps * 3) return `It has ${r.xyz.length} axis values for ${steps} steps (3 per step are needed).`;
	if (steps === 0) return 'It has no steps.';
	if (steps > MAX_STORED_STEPS) {
		return `It has ${steps.toLocaleString('en')} steps; the browser keeps recordings of at most ${MAX_STORED_STEPS.toLocaleString('en')} steps. Export it as CSV instead.`;
	}
	if (!(r.rate > 0 && r.rate <= 1000)) return 'Its sample rate must be between 0 and 1000 Hz.';
	for (let i = 0; i < r.xyz.length; i++) if (!Number.isFinite(r.xyz[i])) return `Step ${Math.floor(i / 3) + 1} has a value that is not a number.`;
	return null;
}

export interface RecordingStore {
	listRecordings(): Promise<Recording[]>;
	saveRecording(recording: Recording): Promise<void>;
	deleteRecording(id: string): Promise<void>;
	onRecordingsChange(callback: () => void): () => void;
}

/** A store over `getStorage()` (the browser's localStorage by default; tests pass their own). */
export function createRecordingStore(getStorage: () => RecordingStorage | null = browserStorage): RecordingStore {
	const listeners = new Set<() => void>();
	const notify = () => listeners.forEach((cb) => cb());
	const need = () => {
		const storage = getStorage();
		if (!storage) throw new StoreError('This browser does not let the site store anything (private mode or blocked storage).');
		return storage;
	};
	return {
		async listRecordings() {
			const storage = getStorage();
			if (!storage) return [];
			const out: Recording[] = [];
			for (const id of readIndex(storage)) {
				let raw: unknown;
				try {
					raw = JSON.parse(storage.getItem(recordingKey(id)) ?? 'null');
				} catch {
					continue;
				}
				// A damaged entry is left where it is (not deleted) and not listed.
				const read = decodeRecording(raw);
				if (read.ok) out.push(read.recording);
			}
			return out;
		},
		async saveRecording(recording) {
			const problem = recordingProblem(recording);
			if (problem) throw new StoreError(`“${recording.name}” cannot be saved: ${problem}`);
			const storage = need();
			const key = recordingKey(recording.id);
			const previous = storage.getItem(key);
			const index = readIndex(storage);
			try {
				storage.setItem(key, JSON.stringify(encodeRecording(recording)));
				if (!index.includes(recording.id)) storage.setItem(RECORDINGS_INDEX, JSON.stringify([...index, recording.id]));
			} catch (error) {
				// Put back what was there, so a refused save changes nothing.
				try {
					if (previous === null) storage.removeItem(key);
					else storage.setItem(key, previous);
				} catch {
					// Restoring a smaller old value frees space; not expected to fail.
				}
				const full = (error as { name?: string })?.name === 'QuotaExceededError';
				throw new StoreError(
					full
						? `The browser’s storage for this site is full, so “${recording.name}” was not saved. Export it as CSV, or delete older recordings or saved runs.`
						: 'The browser would not let this page store data (private mode or blocked storage).'
				);
			}
			notify();
		},
		async deleteRecording(id) {
			const storage = need();
			storage.setItem(RECORDINGS_INDEX, JSON.stringify(readIndex(storage).filter((other) => other !== id)));
			storage.removeItem(recordingKey(id));
			notify();
		},
		onRecordingsChange(callback) {
			listeners.add(callback);
			// Another tab saving or deleting (or a restored backup) reaches this one as a storage event.
			const fromOtherTab = (event: StorageEvent) => {
				if (event.key === null || event.key.startsWith('unrolled:activity:')) callback();
			};
			globalThis.addEventListener?.('storage', fromOtherTab);
			return () => {
				listeners.delete(callback);
				globalThis.removeEventListener?.('storage', fromOtherTab);
			};
		}
	};
}

const browserStore = createRecordingStore();
export const listRecordings = () => browserStore.listRecordings();
export const saveRecording = (recording: Recording) => browserStore.saveRecording(recording);
export const deleteRecording = (id: string) => browserStore.deleteRecording(id);
export const onRecordingsChange = (callback: () => void) => browserStore.onRecordingsChange(callback);
