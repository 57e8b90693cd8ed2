/**
 * Training kept by the lesson widgets that train in a worker (sampler, forecaster, long-lag): the
 * last run of each training configuration, in the browser's storage, so a reload shows it again.
 * One entry per widget and configuration, under `unrolled:run:<widget>:<hash of the config>`, and
 * a short list per widget (newest first) to evict the oldest beyond `MAX_KEPT`. Storage may be
 * missing, full or hold anything: nothing here throws, and an entry that does not check out is
 * ignored. Runs inside an entry are `unrolled-run/1` files with a thinned history; they are
 * validated (weights included, by the engine) with the lab's reader, loaded on demand. A long
 * entry is written a slice per task (`storage-parts.ts`).
 */
import type { TrainingClient } from '$lib/worker/client.svelte';
import type { TrainConfig } from '$lib/worker/protocol';
import { RUN_FORMAT, type RunFile } from '$lib/training/run-format';
import { browserStorage, readRunValue, type StorageLike } from './trainer/storage';
import { readLarge, removeLarge, writeLarge } from '$lib/storage-parts';

export { browserStorage, type StorageLike } from './trainer/storage';

/** Configurations kept per widget; the oldest is dropped first. */
export const MAX_KEPT = 3;
/** History points kept per run: enough for a chart line, small to store. */
export const KEPT_POINTS = 300;
const PREFIX = 'unrolled:run:';
const FORMAT = 'unrolled-saved/1';

/** FNV-1a, 32 bits, as 8 hex digits: a short, stable name for a configuration. */
export function hashText(text: string, basis = 0x811c9dc5): string {
	let h = basis >>> 0;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h.toString(16).padStart(8, '0');
}

const configText = (config: unknown) => JSON.stringify(config);
/** A second, independent hash stored inside the entry: two configurations sharing a key are told apart. */
const checkOf = (text: string) => `${hashText(text, 0x1b873593)}-${text.length}`;

export function savedRunKey(widget: string, config: unknown): string {
	return `${PREFIX}${widget}:${hashText(configText(config))}`;
}
const indexKey = (widget: string) => `${PREFIX}${widget}`;

function readIndex(storage: StorageLike, widget: string): string[] {
	try {
		const raw: unknown = JSON.parse(storage.getItem(indexKey(widget)) ?? '[]');
		const prefix = `${PREFIX}${widget}:`;
		return Array.isArray(raw) ? raw.filter((k): k is string => typeof k === 'string' && k.startsWith(prefix)) : [];
	} catch {
		return [];
	}
}

/**
 * Keeps `data` as the run of `config`, the newest of the widget's entries; drops the oldest beyond
 * `max`. When storage is full it drops the widget's other entries and tries once more. False when
 * the browser would not keep it.
 */
export async function keepRun(storage: StorageLike | null, widget: string, config: unknown, data: unknown, savedAt = new Date().toISOString(), max = MAX_KEPT): Promise<boolean> {
	let text: string;
	try {
		text = JSON.stringify(data);
	} catch {
		return false;
	}
	return keepRunText(storage, widget, config, text, savedAt, max);
}

/**
 * `keepRun` with the data already JSON text (a worker's snapshot): it goes into the entry as it
 * is (parsing the weights and writing them out again cost a throttled page a long task), a slice
 * per task (`writeLarge`).
 */
export async function keepRunText(storage: StorageLike | null, widget: string, config: unknown, dataText: string, savedAt = new Date().toISOString(), max = MAX_KEPT): Promise<boolean> {
	if (!storage) return false;
	try {
		const text = configText(config);
		const key = savedRunKey(widget, config);
		const value = `${JSON.stringify({ format: FORMAT, widget, check: checkOf(text), savedAt }).slice(0, -1)},"data":${dataText}}`;
		const others = readIndex(storage, widget).filter((k) => k !== key);
		for (const k of others.slice(max - 1)) removeLarge(storage, k);
		let kept = [key, ...others].slice(0, max);
		await writeLarge(storage, key, value, () => {
			for (const k of others) removeLarge(storage, k);
			kept = [key];
		});
		storage.setItem(indexKey(widget), JSON.stringify(kept));
		return true;
	} catch {
		return false;
	}
}

const RUN_HEAD = new RegExp(`^\\{[^{]*"format":"${RUN_FORMAT}"`);

/** A worker's snapshot text, if it is a run file (read back in full, and validated, on restore). */
export const runText = (text: string) => (RUN_HEAD.test(text.slice(0, 200)) ? text : null);

export interface FoundRun {
	savedAt: string;
	/** As stored: the widget validates it before use. */
	data: unknown;
}

/** The entry kept for `config`, or null (none, unreadable, or another widget's or configuration's). */
export function findRun(storage: StorageLike | null, widget: string, config: unknown): FoundRun | null {
	if (!storage) return null;
	try {
		const text = readLarge(storage, savedRunKey(widget, config));
		if (text === null) return null;
		const raw: unknown = JSON.parse(text);
		if (typeof raw !== 'object' || raw === null) return null;
		const entry = raw as Record<string, unknown>;
		if (entry.format !== FORMAT || entry.widget !== widget || entry.check !== checkOf(configText(config))) return null;
		if (typeof entry.savedAt !== 'string' || Number.isNaN(Date.parse(entry.savedAt))) return null;
		return { savedAt: entry.savedAt, data: entry.data };
	} catch {
		return null;
	}
}

/** The widget's most recently kept run, whatever its configuration (null when none is readable). */
export function latestRun(storage: StorageLike | null, widget: string): FoundRun | null {
	if (!storage) return null;
	for (const key of readIndex(storage, widget)) {
		try {
			const raw: unknown = JSON.parse(readLarge(storage, key) ?? 'null');
			if (typeof raw !== 'object' || raw === null) continue;
			const entry = raw as Record<string, unknown>;
			if (entry.format === FORMAT && entry.widget === widget && typeof entry.savedAt === 'string') return { savedAt: entry.savedAt, data: entry.data };
		} catch {
			// Unreadable: try the next one.
		}
	}
	return null;
}

/** A stored run, fully validated (the engine checks the weights), or null. */
export async function readKeptRun(data: unknown): Promise<RunFile | null> {
	if (typeof data !== 'object' || data === null) return null;
	const parsed = await readRunValue(data);
	return parsed.ok ? parsed.run : null;
}

/** “Restored your training from 23 Nov, 17:42. …” */
export function restoredNote(savedAt: string): string {
	const when = new Date(savedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
	return `Restored your training from ${when}. Train again to start over.`;
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Keeps the client's current run under `widget` and its configuration (a copy of the widget's, so
 * keyed alike). The worker thins the history (the page parsed every kept step before, a long task
 * at the end of each run); reading and writing are tasks of their own.
 */
export async function keepClientRun(client: TrainingClient, widget: string): Promise<boolean> {
	const config = client.config;
	if (!config || client.step === 0) return false;
	try {
		// The worker thins the history to KEPT_POINTS: its text is kept as it comes.
		const run = runText(await client.snapshot(widget, undefined, KEPT_POINTS));
		await nextTask();
		// A new run started meanwhile: this snapshot may already be of it.
		if (!run || client.config !== config) return false;
		return await keepRunText(browserStorage(), widget, config, run);
	} catch {
		return false;
	}
}

/**
 * Loads the run kept for `config` into `client`, paused at its step: the worker evaluates it again
 * (a finished run reports as done). Once the run is read, `accept(savedAt)` says whether it is
 * still wanted (the settings may have changed meanwhile). True when a run was restored.
 */
export async function restoreClientRun(client: TrainingClient, widget: string, config: TrainConfig, accept: (savedAt: string) => boolean): Promise<boolean> {
	const found = findRun(browserStorage(), widget, config);
	if (!found) return false;
	const run = await readKeptRun(found.data);
	if (!run || !accept(found.savedAt)) return false;
	client.start(config, { network: run.network, history: run.history, epoch: run.epoch, paused: true });
	return true;
}

/**
 * Several clients' runs kept as one entry (the long-lag widget's three), keyed by their configurations
 * in this order, with `extra` fields beside them. False when any snapshot fails or a run restarted.
 */
export async function keepClientRuns(clients: Record<string, TrainingClient>, widget: string, extra: Record<string, unknown> = {}): Promise<boolean> {
	const entries = Object.entries(clients);
	const configs = entries.map(([, client]) => client.config);
	const runs: string[] = [];
	try {
		for (const [i, [id, client]] of entries.entries()) {
			const run = runText(await client.snapshot(widget, undefined, KEPT_POINTS));
			if (!run || !configs[i] || client.config !== configs[i]) return false;
			runs.push(`${JSON.stringify(id)}:${run}`);
		}
		await nextTask();
		const head = JSON.stringify({ ...extra, runs: 0 }).slice(0, -'0}'.length);
		return await keepRunText(browserStorage(), widget, configs, `${head}{${runs.join(',')}}}`);
	} catch {
		return false;
	}
}

/** The entry `keepClientRuns` made for these runs, every run validated; null unless all are readable. */
export async function findClientRuns(widget: string, specs: readonly { id: string; config: TrainConfig }[]): Promise<{ savedAt: string; extra: Record<string, unknown>; runs: RunFile[] } | null> {
	const found = findRun(browserStorage(), widget, specs.map((spec) => spec.config));
	const data = found?.data as Record<string, unknown> | undefined;
	if (!found || typeof data !== 'object' || data === null || typeof data.runs !== 'object' || data.runs === null) return null;
	const stored = data.runs as Record<string, unknown>;
	const runs = await Promise.all(specs.map((spec) => readKeptRun(stored[spec.id])));
	if (runs.some((run) => run === null)) return null;
	return { savedAt: found.savedAt, extra: data, runs: runs as RunFile[] };
}
