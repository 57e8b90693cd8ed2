// The backup file: everything the site keeps in the browser, out to one file and back in; anything
// else refused with a message and storage left exactly as it was.
import { describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, makeBackup, readBackup, restoreBackup, type BackupStorage } from '$lib/backup';
import { createRecordingStore, recordingKey } from '$lib/activity/store';
import { encodeRecording } from '$lib/activity/codec';
import { sampleRecording } from '../activity/sample';

class MemoryStorage implements BackupStorage {
	map = new Map<string, string>();
	/** Characters this storage holds at most, like a browser's quota. */
	capacity = Infinity;
	constructor(entries: Record<string, string> = {}) {
		for (const [k, v] of Object.entries(entries)) this.map.set(k, v);
	}
	get length() {
		return this.map.size;
	}
	key(i: number) {
		return [...this.map.keys()][i] ?? null;
	}
	getItem(k: string) {
		return this.map.get(k) ?? null;
	}
	setItem(k: string, v: string) {
		const used = [...this.map].reduce((n, [key, value]) => n + (key === k ? 0 : key.length + value.length), 0);
		if (used + k.length + v.length > this.capacity) throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
		this.map.set(k, v);
	}
	removeItem(k: string) {
		this.map.delete(k);
	}
	snapshot() {
		return Object.fromEntries(this.map);
	}
}

const student = {
	'unrolled:theme': 'dark',
	'unrolled:progress': JSON.stringify({ 'recurrent-cell': 'finished', bptt: 'visited' }),
	'unrolled:widget:/lessons/recurrent-cell#unrolled': 'steps=5&seed=3',
	'unrolled:lab:runs': JSON.stringify([{ id: 'a1', name: 'lstm run', step: 400 }]),
	'unrolled:lab:run:a1': JSON.stringify({ format: 'unrolled-run/1', name: 'lstm run' }),
	'unrolled:lab:last': JSON.stringify({ format: 'unrolled-run/1', name: 'last' }),
	'unrolled:run:sampler': JSON.stringify(['unrolled:run:sampler:0badc0de']),
	'unrolled:run:sampler:0badc0de': JSON.stringify({ format: 'unrolled-saved/1', widget: 'sampler' })
};

describe('backup round trip', () => {
	it('carries every unrolled: entry, and only those, to an empty browser unchanged', () => {
		const source = new MemoryStorage({ ...student, 'other-site': 'not ours' });
		const text = JSON.stringify(makeBackup(source, new Date('2026-12-07T10:00:00Z')));
		const read = readBackup(text);
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.backup.format).toBe(BACKUP_FORMAT);
		expect(read.backup.exportedAt).toBe('2026-12-07T10:00:00.000Z');
		const target = new MemoryStorage();
		expect(restoreBackup(target, read.backup)).toEqual({ ok: true, count: Object.keys(student).length });
		expect(target.snapshot()).toEqual(student);
	});

	it('merges lists and progress with what the other browser has, losing nothing', () => {
		const target = new MemoryStorage({
			'unrolled:progress': JSON.stringify({ 'recurrent-cell': 'visited', forecasting: 'finished' }),
			'unrolled:lab:runs': JSON.stringify([{ id: 'z9', name: 'mine', step: 10 }]),
			'unrolled:lab:run:z9': '{"name":"mine"}',
			'unrolled:run:sampler': JSON.stringify(['unrolled:run:sampler:11111111'])
		});
		const read = readBackup(JSON.stringify(makeBackup(new MemoryStorage(student))));
		if (!read.ok) throw new Error(read.message);
		restoreBackup(target, read.backup);
		expect(JSON.parse(target.getItem('unrolled:progress')!)).toEqual({ 'recurrent-cell': 'finished', bptt: 'visited', forecasting: 'finished' });
		expect(JSON.parse(target.getItem('unrolled:lab:runs')!).map((e: { id: string }) => e.id)).toEqual(['a1', 'z9']);
		expect(target.getItem('unrolled:lab:run:z9')).toBe('{"name":"mine"}');
		expect(JSON.parse(target.getItem('unrolled:run:sampler')!)).toEqual(['unrolled:run:sampler:0badc0de', 'unrolled:run:sampler:11111111']);
	});

	it('puts everything back when the browser runs out of space part way', () => {
		const target = new MemoryStorage({ 'unrolled:theme': 'light', 'unrolled:lab:last': '{"old":true}' });
		const before = target.snapshot();
		const read = readBackup(JSON.stringify(makeBackup(new MemoryStorage(student))));
		if (!read.ok) throw new Error(read.message);
		target.capacity = JSON.stringify(before).length + 200;
		const result = restoreBackup(target, read.backup);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toMatch(/full.*nothing was restored/);
		expect(target.snapshot()).toEqual(before);
	});
});

describe('accelerometer recordings in the backup', () => {
	it('come back in another browser, merged with the recordings already there', async () => {
		const source = new MemoryStorage(student);
		await createRecordingStore(() => source).saveRecording(sampleRecording('walk', 500, 'walk home'));
		const target = new MemoryStorage();
		const targetStore = createRecordingStore(() => target);
		await targetStore.saveRecording(sampleRecording('mine', 20));
		const read = readBackup(JSON.stringify(makeBackup(source)));
		if (!read.ok) throw new Error(read.message);
		expect(restoreBackup(target, read.backup).ok).toBe(true);
		const list = await targetStore.listRecordings();
		expect(list.map((r) => [r.name, r.labels.length])).toEqual([['walk home', 500], ['mine', 20]]);
	});

	const withEntry = (key: string, value: string) =>
		JSON.stringify({ ...makeBackup(new MemoryStorage(student)), entries: { ...student, [key]: value } });
	const stored = encodeRecording(sampleRecording('r1', 30));
	const cases: [string, string, RegExp][] = [
		['cut axes', withEntry(recordingKey('r1'), JSON.stringify({ ...stored, xyz: stored.xyz.slice(0, 40) })), /“r1” is damaged: its axes do not hold 30 steps/],
		['an unknown label', withEntry(recordingKey('r1'), JSON.stringify({ ...stored, labels: btoa('\x09'.repeat(30)) })), /unknown label 9/],
		['a wrong id', withEntry(recordingKey('r2'), JSON.stringify(stored)), /says its id is “r1”/],
		['an index that is no list', withEntry('unrolled:activity:recordings', '{"a":1}'), /should list recording ids/]
	];
	for (const [name, text, message] of cases) {
		it(`a backup with a recording with ${name} is refused and changes nothing`, () => {
			const read = readBackup(text);
			expect(read.ok).toBe(false);
			if (!read.ok) expect(read.message).toMatch(message);
		});
	}
});

describe('refused backups', () => {
	const good = () => makeBackup(new MemoryStorage(student)) as unknown as Record<string, unknown>;
	const cases: [string, string, RegExp][] = [
		['empty', '', /empty/],
		['cut short', JSON.stringify(good()).slice(0, 80), /not valid JSON/],
		['an array', '[1,2]', /not an Unrolled backup/],
		['a run file', JSON.stringify({ format: 'unrolled-run/1', name: 'x' }), /format is “unrolled-run\/1”.*run file/],
		['another program', JSON.stringify({ hello: 'world' }), /format is “missing”/],
		['a newer version', JSON.stringify({ ...good(), version: 2 }), /version 2.*reads version 1/],
		['a version given as text', JSON.stringify({ ...good(), version: '1' }), /version "1"/],
		['no date', JSON.stringify({ ...good(), exportedAt: 'yesterday' }), /exportedAt/],
		['no entries', JSON.stringify({ ...good(), entries: null }), /no list of entries/],
		['entries as a list', JSON.stringify({ ...good(), entries: ['a'] }), /no list of entries/],
		['a number where text belongs', JSON.stringify({ ...good(), entries: { 'unrolled:progress': 5 } }), /“unrolled:progress” should hold text but holds number/],
		['a key of another site', JSON.stringify({ ...good(), entries: { token: 'x' } }), /“token” is not something this site stores/],
		['a damaged run', JSON.stringify({ ...good(), entries: { 'unrolled:lab:run:a1': '{"format":' } }), /“unrolled:lab:run:a1” is damaged/],
		['a strange theme', JSON.stringify({ ...good(), entries: { 'unrolled:theme': 'pink' } }), /light or dark/]
	];
	for (const [name, text, message] of cases) {
		it(`refuses ${name} with a message and changes nothing`, () => {
			const target = new MemoryStorage({ 'unrolled:progress': '{"bptt":"visited"}', 'unrolled:theme': 'light' });
			const before = target.snapshot();
			const read = readBackup(text);
			expect(read.ok).toBe(false);
			if (!read.ok) expect(read.message).toMatch(message);
			expect(target.snapshot()).toEqual(before);
		});
	}

	it('refuses anything that is not text', () => {
		for (const value of [undefined, null, 42, {}, []]) expect(readBackup(value).ok).toBe(false);
	});
});
