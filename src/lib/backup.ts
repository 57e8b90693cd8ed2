/**
 * One file with everything this site keeps in a student's browser, to carry to another machine.
 * Everything the site stores lives in localStorage under `unrolled:` (progress, theme, each
 * widget's edits, the lab's saved and last runs, the lesson widgets' kept runs); the site uses no
 * IndexedDB (lesson 13's accelerometer recordings are localStorage entries too, see
 * `activity/store.ts`, checked here sample by sample). A backup is read completely and checked before anything is written, so a broken or
 * foreign file is refused with a message and changes nothing. Restoring adds to what the browser
 * already has: lists (saved runs, progress) are merged, so importing never deletes anyone's work.
 */

import { decodeRecording } from './activity/codec';
import { RECORDINGS_INDEX, RECORDING_KEY_PREFIX } from './activity/store';

export const BACKUP_FORMAT = 'unrolled-backup';
export const BACKUP_VERSION = 1;
export const KEY_PREFIX = 'unrolled:';

export interface Backup {
	format: typeof BACKUP_FORMAT;
	version: typeof BACKUP_VERSION;
	exportedAt: string;
	entries: Record<string, string>;
}

export interface BackupStorage {
	readonly length: number;
	key(index: number): string | null;
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

export type BackupRead = { ok: true; backup: Backup } | { ok: false; message: string };
export type RestoreResult = { ok: true; count: number } | { ok: false; message: string };

const PROGRESS = 'unrolled:progress';
const LAB_INDEX = 'unrolled:lab:runs';
const THEME = 'unrolled:theme';
/** `unrolled:run:<widget>`: a widget's list of kept runs (the runs themselves have one more colon). */
const isRunIndex = (key: string) => /^unrolled:run:[^:]+$/.test(key);
const isRecording = (key: string) => key.startsWith(RECORDING_KEY_PREFIX);
const RANK: Record<string, number> = { visited: 1, finished: 2 };

/** Every `unrolled:` entry in storage. */
export function collect(storage: BackupStorage): Record<string, string> {
	const entries: Record<string, string> = {};
	for (let i = 0; i < storage.length; i++) {
		const key = storage.key(i);
		if (key === null || !key.startsWith(KEY_PREFIX)) continue;
		const value = storage.getItem(key);
		if (value !== null) entries[key] = value;
	}
	return entries;
}

export function makeBackup(storage: BackupStorage, now = new Date()): Backup {
	return { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now.toISOString(), entries: collect(storage) };
}

export function backupFileName(backup: Backup): string {
	return `unrolled-backup-${backup.exportedAt.slice(0, 10)}.json`;
}

function parsesAsJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

/** Why an entry cannot be restored, or null when it can. */
function entryProblem(key: string, value: unknown): string | null {
	if (!key.startsWith(KEY_PREFIX)) return `“${key}” is not something this site stores.`;
	if (typeof value !== 'string') return `“${key}” should hold text but holds ${value === null ? 'null' : typeof value}.`;
	if (key === THEME) return value === 'light' || value === 'dark' ? null : `“${key}” should be light or dark, not “${value.slice(0, 40)}”.`;
	// A widget keeps its edits as a URL query; every other entry is JSON.
	if (key.startsWith('unrolled:widget:')) return null;
	if (!parsesAsJson(value)) return `“${key}” is damaged (it is not valid JSON).`;
	if (isRecording(key)) {
		const read = decodeRecording(JSON.parse(value));
		if (!read.ok) return `The recording “${key.slice(RECORDING_KEY_PREFIX.length)}” is damaged: ${read.message}.`;
		if (RECORDING_KEY_PREFIX + read.recording.id !== key) return `The recording stored as “${key}” says its id is “${read.recording.id}”.`;
	}
	if (key === RECORDINGS_INDEX) {
		const ids: unknown = JSON.parse(value);
		if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) return `“${key}” should list recording ids.`;
	}
	return null;
}

/** Reads a backup file's text; nothing is written. */
export function readBackup(text: unknown): BackupRead {
	if (typeof text !== 'string' || text.trim() === '') return { ok: false, message: 'The file is empty.' };
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		return { ok: false, message: 'This is not an Unrolled backup: the file is not valid JSON (it may be cut short).' };
	}
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
		return { ok: false, message: 'This is not an Unrolled backup: it does not hold a backup object.' };
	}
	const file = raw as Record<string, unknown>;
	if (file.format !== BACKUP_FORMAT) {
		const what = file.format === 'unrolled-run' || String(file.format).startsWith('unrolled-run')
			? ' It looks like a run file: open it in the lab instead.'
			: '';
		return { ok: false, message: `This is not an Unrolled backup (its format is “${String(file.format ?? 'missing')}”, not “${BACKUP_FORMAT}”).${what}` };
	}
	if (file.version !== BACKUP_VERSION) {
		return {
			ok: false,
			message: `This backup has version ${JSON.stringify(file.version ?? null)}; this site reads version ${BACKUP_VERSION}. It may come from a newer Unrolled.`
		};
	}
	if (typeof file.exportedAt !== 'string' || Number.isNaN(Date.parse(file.exportedAt))) {
		return { ok: false, message: 'The backup’s date (exportedAt) is missing or not a date.' };
	}
	const entries = file.entries;
	if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
		return { ok: false, message: 'The backup has no list of entries.' };
	}
	const problems: string[] = [];
	for (const [key, value] of Object.entries(entries)) {
		const problem = entryProblem(key, value);
		if (problem) problems.push(problem);
	}
	if (problems.length) {
		const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
		return { ok: false, message: `The backup cannot be restored: ${problems.slice(0, 3).join(' ')}${more}` };
	}
	return {
		ok: true,
		backup: { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: file.exportedAt, entries: { ...(entries as Record<string, string>) } }
	};
}

function parseOr<T>(text: string | null, fallback: T): unknown {
	try {
		return text === null ? fallback : JSON.parse(text);
	} catch {
		return fallback;
	}
}

/** The value to write for `key`: lists and progress are merged with what is there already. */
export function mergedValue(key: string, incoming: string, current: string | null): string {
	if (current === null || current === incoming) return incoming;
	if (key === PROGRESS) {
		const mine = parseOr(current, {});
		const theirs = parseOr(incoming, {});
		if (!isRecord(mine) || !isRecord(theirs)) return incoming;
		const merged: Record<string, unknown> = { ...mine };
		for (const [slug, status] of Object.entries(theirs)) {
			if ((RANK[String(status)] ?? 0) >= (RANK[String(merged[slug])] ?? 0)) merged[slug] = status;
		}
		return JSON.stringify(merged);
	}
	if (key === LAB_INDEX || key === RECORDINGS_INDEX || isRunIndex(key)) {
		const mine = parseOr(current, []);
		const theirs = parseOr(incoming, []);
		if (!Array.isArray(mine) || !Array.isArray(theirs)) return incoming;
		const id = (e: unknown) => (isRecord(e) ? String(e.id) : String(e));
		const seen = new Set(theirs.map(id));
		return JSON.stringify([...theirs, ...mine.filter((e) => !seen.has(id(e)))]);
	}
	return incoming;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Writes a checked backup into storage. If the browser refuses part way (storage full), every
 * entry written so far is put back as it was, so the result is all or nothing.
 */
export function restoreBackup(storage: BackupStorage, backup: Backup): RestoreResult {
	const before = new Map<string, string | null>();
	try {
		for (const [key, value] of Object.entries(backup.entries)) {
			const current = storage.getItem(key);
			before.set(key, current);
			storage.setItem(key, mergedValue(key, value, current));
		}
	} catch (error) {
		for (const [key, value] of before) {
			try {
				// Removing first frees the space the old value needs.
				storage.removeItem(key);
				if (value !== null) storage.setItem(key, value);
			} catch {
				// Putting back an old value frees space, so this is not expected to fail.
			}
		}
		const full = (error as { name?: string })?.name === 'QuotaExceededError';
		return {
			ok: false,
			message: full
				? 'The browser’s storage for this site is full, so nothing was restored. Delete some saved runs and try again.'
				: 'The browser would not let this page store data (private mode or blocked storage), so nothing was restored.'
		};
	}
	return { ok: true, count: before.size };
}
