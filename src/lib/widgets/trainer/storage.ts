/**
 * Runs kept in the browser: a list of saved runs (each an `unrolled-run/1` text under its own
 * key, with a small index for listing) and the last run, offered for restoring after a reload.
 * Storage may be missing or full; every function says so instead of throwing. Reading a run
 * validates it with the engine, loaded on demand, so those functions are async.
 */
import type { ParsedRun, RunFile } from '$lib/training/run-format';
import { readLarge, removeLarge, writeLarge, writeLargeNow } from '$lib/storage-parts';

/**
 * `parseRunFile`, loaded (with the engine it checks the weights with) on first use rather than on
 * the page's first load. Never throws, even when the reader cannot be loaded. Kept out of the
 * worker's modules: a dynamic import there makes the bundler wrap every module it reaches.
 */
export async function readRunFile(text: unknown): Promise<ParsedRun> {
	return withReader((reader) => reader.parseRunFile(text));
}

/** `readRunFile` for a run already parsed from JSON (a kept run: no second parse). */
export async function readRunValue(value: unknown): Promise<ParsedRun> {
	return withReader((reader) => reader.parseRunValue(value));
}

async function withReader(read: (reader: typeof import('$lib/training/run-file')) => ParsedRun): Promise<ParsedRun> {
	let reader: typeof import('$lib/training/run-file');
	try {
		reader = await import('$lib/training/run-file');
	} catch (error) {
		return {
			ok: false,
			message: `The run cannot be read: the page could not load its file reader (${(error as Error).message}). Reload the page and try again.`
		};
	}
	return read(reader);
}

export interface StorageLike {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

export interface SavedRunEntry {
	id: string;
	name: string;
	savedAt: string;
	task: string;
	cell: string;
	hidden: number;
	step: number;
	loss: number | null;
}

const INDEX = 'unrolled:lab:runs';
const RUN = 'unrolled:lab:run:';
const LAST = 'unrolled:lab:last';
export const MAX_SAVED_RUNS = 20;

export type StoreResult = { ok: true } | { ok: false; message: string };

function storageProblem(error: unknown, size: number): string {
	const name = (error as { name?: string })?.name;
	if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') {
		const needs = size >= 1e6 ? `${(size / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(size / 1e3))} kB`;
		return `The browser's storage for this site is full (this run needs ${needs}). Delete saved runs, or export this one as a file instead.`;
	}
	return 'The browser does not let this page keep data (private mode or blocked storage). Export the run as a file instead.';
}

function entryOf(id: string, run: RunFile): SavedRunEntry {
	const n = run.history.loss.length;
	return {
		id,
		name: run.name,
		savedAt: run.savedAt,
		task: run.config.task,
		cell: run.config.cell,
		hidden: run.config.hidden,
		step: run.step,
		loss: n ? run.history.loss[n - 1] : null
	};
}

export function listRuns(storage: StorageLike | null): SavedRunEntry[] {
	if (!storage) return [];
	try {
		const raw = JSON.parse(storage.getItem(INDEX) ?? '[]');
		if (!Array.isArray(raw)) return [];
		return raw.filter(
			(e): e is SavedRunEntry =>
				typeof e === 'object' && e !== null && typeof e.id === 'string' && typeof e.name === 'string' && typeof e.step === 'number'
		);
	} catch {
		return [];
	}
}

/** Saves a run's text (already a valid run file) under a new id, newest first. */
export async function saveRun(storage: StorageLike | null, text: string): Promise<StoreResult & { entries?: SavedRunEntry[] }> {
	if (!storage) return { ok: false, message: storageProblem(null, text.length) };
	const parsed = await readRunFile(text);
	if (!parsed.ok) return parsed;
	const entries = listRuns(storage);
	if (entries.length >= MAX_SAVED_RUNS) {
		return { ok: false, message: `${MAX_SAVED_RUNS} runs are saved already; delete one first.` };
	}
	const id = `${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
	const next = [entryOf(id, parsed.run), ...entries];
	try {
		await writeLarge(storage, RUN + id, text);
		storage.setItem(INDEX, JSON.stringify(next));
	} catch (error) {
		removeLarge(storage, RUN + id);
		return { ok: false, message: storageProblem(error, text.length) };
	}
	return { ok: true, entries: next };
}

export async function loadRun(storage: StorageLike | null, id: string): Promise<ParsedRun> {
	if (!storage) return { ok: false, message: storageProblem(null, 0) };
	let text: string | null = null;
	try {
		text = readLarge(storage, RUN + id);
	} catch {
		// Treated as missing.
	}
	if (text === null) return { ok: false, message: 'This saved run is gone (the browser may have cleared its storage).' };
	return readRunFile(text);
}

export function deleteRun(storage: StorageLike | null, id: string): SavedRunEntry[] {
	if (!storage) return [];
	const next = listRuns(storage).filter((e) => e.id !== id);
	try {
		removeLarge(storage, RUN + id);
		storage.setItem(INDEX, JSON.stringify(next));
	} catch {
		// Left as it was.
	}
	return next;
}

/**
 * Keeps `text` as the last run, in one go: for `pagehide`, where no later task runs. Elsewhere
 * `keepLastRun` writes it a slice per task (a big network's run in one write is a long task).
 */
export function saveLastRun(storage: StorageLike | null, text: string): StoreResult {
	if (!storage) return { ok: false, message: storageProblem(null, text.length) };
	try {
		writeLargeNow(storage, LAST, text);
		return { ok: true };
	} catch (error) {
		removeLarge(storage, LAST);
		return { ok: false, message: storageProblem(error, text.length) };
	}
}

export async function keepLastRun(storage: StorageLike | null, text: string): Promise<StoreResult> {
	if (!storage) return { ok: false, message: storageProblem(null, text.length) };
	try {
		await writeLarge(storage, LAST, text);
		return { ok: true };
	} catch (error) {
		return { ok: false, message: storageProblem(error, text.length) };
	}
}

/** The last run, validated; null when there is none or it is unreadable. */
export async function loadLastRun(storage: StorageLike | null): Promise<RunFile | null> {
	if (!storage) return null;
	try {
		const text = readLarge(storage, LAST);
		if (text === null) return null;
		const parsed = await readRunFile(text);
		return parsed.ok ? parsed.run : null;
	} catch {
		return null;
	}
}

export function forgetLastRun(storage: StorageLike | null): void {
	if (storage) removeLarge(storage, LAST);
}

/** localStorage, or null where the browser refuses it. */
export function browserStorage(): StorageLike | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}
