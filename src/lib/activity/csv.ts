/**
 * Accelerometer CSV files in and out.
 *
 * Read: a header row, then one sample a row. Columns are found by their header: a time column
 * (`time`, `t`, `timestamp`, `seconds_elapsed`, `Time (s)`; unit s unless the header says ms or
 * ns), three axis columns (`x`/`y`/`z`, `ax`, `acc_x`, `Acceleration x (m/s^2)`, `Linear
 * Acceleration y (m/s^2)`, …) and an optional `label` or `activity` column (an activity name or its
 * number 0–4; empty or `unlabelled` for none). Units come from the axis headers — `(g)` or
 * `(m/s^2)` — or, without one, from the size of the readings (gravity alone is 1 g or 9.8 m/s²).
 * Rows may be separated by commas, semicolons or tabs; with semicolons or tabs a decimal comma is
 * read as a point (European phone apps write `0,981`). Rows are resampled to `rate` (`resample.ts`).
 *
 * Write: `time (s),x (g),y (g),z (g),label`, one row a step, which reads back as the same recording
 * to 6 decimals.
 *
 * The parser is a generator that yields every SLICE_ROWS rows and takes the file a line at a time
 * (never splitting all of it at once), so `parseCsvAsync` can hand the page back whenever a slice
 * has run SLICE_MS: a 100,000-row file never blocks the page for long, however slow the machine.
 * `parseCsv` runs it straight through. It never throws: any problem is a message naming the line
 * and column.
 */

import { ACTIVITIES } from '$lib/engine/data/activity';
import { createResampler } from './resample';
import { NO_LABEL, STANDARD_GRAVITY, activityName, type Recording } from './recording';

export const SLICE_ROWS = 250;
/** Main-thread time a slice of parseCsvAsync may take before it hands the page back. */
export const SLICE_MS = 8;
/** Longest file read: a day at 50 Hz would not fit a browser's memory comfortably. */
export const MAX_STEPS = 1_000_000;

export interface CsvData {
	rate: number;
	xyz: Float64Array;
	labels: Int8Array;
	/** Rows read (samples before resampling). */
	rows: number;
	/** What the reader had to assume or wants the student to know. */
	warnings: string[];
}

export type CsvResult = { ok: true; data: CsvData } | { ok: false; message: string; line?: number; column?: number };

interface Columns {
	time: number;
	timeScale: number;
	axes: [number, number, number];
	label: number;
	/** Per-axis factor to g, or null when the header gives no unit. */
	toG: number | null;
	linear: boolean;
	names: string[];
}

const fail = (message: string, line?: number, column?: number): CsvResult => ({ ok: false, message, line, column });

function splitRow(line: string, delimiter: string): string[] {
	if (!line.includes('"')) return line.split(delimiter);
	const cells: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (c === '"') {
			if (quoted && line[i + 1] === '"') {
				cell += '"';
				i++;
			} else quoted = !quoted;
		} else if (c === delimiter && !quoted) {
			cells.push(cell);
			cell = '';
		} else cell += c;
	}
	cells.push(cell);
	return cells;
}

function unitOf(header: string): string {
	const m = /[([]([^)\]]*)[)\]]/.exec(header);
	return m ? m[1].trim().toLowerCase().replace(/\s+/g, '') : '';
}

const bare = (header: string) =>
	header
		.replace(/[([][^)\]]*[)\]]/g, ' ')
		.trim()
		.toLowerCase();

function axisOf(header: string): number {
	const words = bare(header).split(/[^a-z0-9]+/).filter(Boolean);
	const last = words.at(-1) ?? '';
	const index = (letter: string) => 'xyz'.indexOf(letter);
	if (/^[xyz]$/.test(last)) return index(last);
	if (/^a[xyz]$/.test(last) || /^acc[xyz]$/.test(last)) return index(last.at(-1)!);
	return -1;
}

function findColumns(names: string[]): Columns | string {
	let time = -1;
	let timeScale = 1;
	let label = -1;
	const axes: [number, number, number] = [-1, -1, -1];
	const units: string[] = [];
	let linear = false;
	names.forEach((name, i) => {
		const word = bare(name);
		if (/^(seconds_elapsed|time|t|timestamp|elapsed)$/.test(word)) {
			// A sensor app that gives both keeps elapsed seconds beside a clock time in ns.
			if (time >= 0 && word !== 'seconds_elapsed') return;
			time = i;
			const unit = unitOf(name);
			timeScale = unit === 'ms' ? 1e-3 : unit === 'ns' ? 1e-9 : unit === 'us' || unit === 'µs' ? 1e-6 : 1;
		} else if (/^(label|activity)$/.test(word)) label = i;
		else {
			const axis = axisOf(name);
			if (axis >= 0 && axes[axis] < 0) {
				axes[axis] = i;
				units.push(unitOf(name));
				if (/linear/.test(word)) linear = true;
			}
		}
	});
	if (time < 0) return `no time column (a header such as “time” or “Time (s)”) among ${names.map((n) => `“${n.trim()}”`).join(', ')}`;
	const missing = axes.map((a, i) => (a < 0 ? 'xyz'[i] : '')).filter(Boolean);
	if (missing.length) return `no column for axis ${missing.join(', ')} (headers such as “x”, “ax” or “Acceleration x (m/s^2)”)`;
	const unit = units.find(Boolean) ?? '';
	let toG: number | null = null;
	if (unit === 'g') toG = 1;
	else if (/^m\/s(\^2|²|2)$|^ms\^-2$|^ms-2$/.test(unit)) toG = 1 / STANDARD_GRAVITY;
	else if (unit) return `the axis unit “${unit}” is unknown (use g or m/s^2)`;
	return { time, timeScale, axes, label, toG, linear, names };
}

function readLabel(cell: string): number | null {
	const word = cell.trim().toLowerCase();
	if (word === '' || word === 'unlabelled' || word === 'unlabeled' || word === '-1') return NO_LABEL;
	const byName = (ACTIVITIES as readonly string[]).indexOf(word);
	if (byName >= 0) return byName;
	if (/^[0-4]$/.test(word)) return Number(word);
	return null;
}

/** The lines of `text` in order (as `split(/\r\n|\n|\r/)` gives them), one at a time. */
function* linesOf(text: string): Generator<string, void> {
	const end = /\r\n|\n|\r/g;
	let from = 0;
	for (let m = end.exec(text); m; m = end.exec(text)) {
		yield text.slice(from, m.index);
		from = end.lastIndex;
	}
	yield text.slice(from);
}

/** Reads the file, yielding between slices of rows. */
export function* readCsv(text: string, rate = 50): Generator<number, CsvResult> {
	if (typeof text !== 'string' || !/\S/.test(text)) return fail('The file is empty.');
	const lines = linesOf(text);
	let headerAt = 0;
	let first = lines.next();
	while (!first.done && first.value.trim() === '') {
		headerAt++;
		first = lines.next();
	}
	const header = (first.value ?? '').replace(/^\uFEFF/, '');
	const delimiter = [',', ';', '\t'].reduce((best, d) => (header.split(d).length > header.split(best).length ? d : best), ',');
	const decimalComma = delimiter !== ',';
	const found = findColumns(splitRow(header, delimiter));
	if (typeof found === 'string') return fail(`Line ${headerAt + 1}: the header has ${found}.`, headerAt + 1);
	const { time, timeScale, axes, label, linear, names } = found;
	const width = Math.max(time, label, ...axes) + 1;
	const resampler = createResampler(rate);
	/** Sizes |a| of the first rows, to guess a missing unit. */
	const sizes: number[] = [];
	let firstTime = 0;
	let rows = 0;
	let lastTime = -Infinity;
	let labelled = 0;
	const warnings: string[] = [];
	const columnName = (c: number) => `column ${c + 1} (“${names[c].trim()}”)`;
	let i = headerAt;
	for (const line of lines) {
		i++;
		if ((i - headerAt) % SLICE_ROWS === 0) yield i;
		if (line.trim() === '') continue;
		const cells = splitRow(line, delimiter);
		const at = i + 1;
		if (cells.length < width) return fail(`Line ${at} has ${cells.length} column${cells.length === 1 ? '' : 's'}; the header has ${names.length}.`, at, cells.length + 1);
		const numberAt = (c: number): number | CsvResult => {
			let cell = cells[c].trim();
			if (decimalComma) cell = cell.replace(',', '.');
			const v = cell === '' ? NaN : Number(cell);
			if (!Number.isFinite(v)) return fail(`Line ${at}, ${columnName(c)}: “${cells[c].trim().slice(0, 30)}” is not a number.`, at, c + 1);
			return v;
		};
		const values: number[] = [];
		for (const c of [time, ...axes]) {
			const v = numberAt(c);
			if (typeof v !== 'number') return v;
			values.push(v);
		}
		const seconds = values[0] * timeScale;
		if (seconds < lastTime) return fail(`Line ${at}, ${columnName(time)}: the time ${values[0]} is earlier than the row before; rows must be in time order.`, at, time + 1);
		lastTime = seconds;
		let activity = NO_LABEL;
		if (label >= 0) {
			const read = readLabel(cells[label]);
			if (read === null) {
				return fail(`Line ${at}, ${columnName(label)}: “${cells[label].trim().slice(0, 30)}” is not an activity (${ACTIVITIES.join(', ')}, or empty).`, at, label + 1);
			}
			activity = read;
			if (read !== NO_LABEL) labelled++;
		}
		if (rows === 0) firstTime = seconds;
		if ((seconds - firstTime) * rate >= MAX_STEPS) {
			return fail(`Line ${at}: the file lasts longer than ${MAX_STEPS.toLocaleString('en')} steps at ${rate} Hz (${Math.round(MAX_STEPS / rate / 3600)} hours); split it.`, at);
		}
		if (rows < 200) sizes.push(Math.hypot(values[1], values[2], values[3]));
		resampler.push(seconds, values[1], values[2], values[3], activity);
		rows++;
	}
	if (rows < 2) return fail(`The file has ${rows === 0 ? 'no rows' : 'only one row'} of samples after the header; at least two are needed.`);
	if (lastTime === firstTime) return fail('Every row has the same time, so the file spans no time at all.');
	let toG = found.toG;
	if (toG === null) {
		sizes.sort((a, b) => a - b);
		const median = sizes[Math.floor(sizes.length / 2)];
		toG = median > 3 ? 1 / STANDARD_GRAVITY : 1;
		warnings.push(`The headers give no unit; the readings (typical size ${median.toFixed(2)}) look like ${toG === 1 ? 'g' : 'm/s², converted to g'}.`);
	}
	if (linear) {
		warnings.push('These are linear acceleration readings, without gravity: the network was trained with gravity included (it tells sitting from standing by the way gravity falls), so expect poor results. Export “acceleration including gravity” (the accelerometer) if your app offers it.');
	}
	if (label >= 0 && labelled < rows) warnings.push(`${(rows - labelled).toLocaleString('en')} of ${rows.toLocaleString('en')} rows have no label.`);
	// A copy and an indexed loop: Float64Array.from with a callback took a long task of its own.
	const xyz = resampler.xyz().slice();
	if (toG !== 1) for (let k = 0; k < xyz.length; k++) xyz[k] *= toG;
	return { ok: true, data: { rate, xyz, labels: resampler.labels().slice(), rows, warnings } };
}

export function parseCsv(text: string, rate = 50): CsvResult {
	try {
		const reader = readCsv(text, rate);
		for (;;) {
			const next = reader.next();
			if (next.done) return next.value;
		}
	} catch (error) {
		return fail(`The file could not be read (${error instanceof Error ? error.message : String(error)}).`);
	}
}

/**
 * parseCsv in slices, handing the page back (a macrotask, so input and painting run) whenever a
 * slice has run `sliceMs` (0: after every SLICE_ROWS rows).
 */
export async function parseCsvAsync(
	text: string,
	rate = 50,
	pause = () => new Promise<void>((done) => setTimeout(done, 0)),
	sliceMs = SLICE_MS
): Promise<CsvResult> {
	try {
		const reader = readCsv(text, rate);
		let since = performance.now();
		for (;;) {
			const next = reader.next();
			if (next.done) return next.value;
			if (performance.now() - since < sliceMs) continue;
			await pause();
			since = performance.now();
		}
	} catch (error) {
		return fail(`The file could not be read (${error instanceof Error ? error.message : String(error)}).`);
	}
}

export function toCsv(recording: Pick<Recording, 'rate' | 'xyz' | 'labels'>): string {
	const out = ['time (s),x (g),y (g),z (g),label'];
	const { xyz, labels, rate } = recording;
	for (let t = 0; t < labels.length; t++) {
		const label = labels[t] === NO_LABEL ? '' : activityName(labels[t]);
		out.push(`${(t / rate).toFixed(4)},${xyz[3 * t].toFixed(6)},${xyz[3 * t + 1].toFixed(6)},${xyz[3 * t + 2].toFixed(6)},${label}`);
	}
	return out.join('\n') + '\n';
}
