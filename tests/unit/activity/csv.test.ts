// Reading accelerometer CSV files: our own export, sensor-app exports, units, labels, and every
// kind of bad row named by line and column; it never throws.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SLICE_ROWS, parseCsv, parseCsvAsync, toCsv, type CsvResult } from '$lib/activity/csv';
import { NO_LABEL, STANDARD_GRAVITY } from '$lib/activity/recording';
import { sampleRecording } from './sample';

const ok = (result: CsvResult) => {
	if (!result.ok) throw new Error(result.message);
	return result.data;
};

describe('parseCsv: good files', () => {
	it('reads time, x, y, z and labels at 50 Hz, in g', () => {
		const data = ok(parseCsv('time,x,y,z,label\n0,0.1,0.2,0.98,walking\n0.02,0.2,0.1,1.0,walking\n0.04,0.3,0,1.02,running\n'));
		expect(data.labels.length).toBe(3);
		expect(Array.from(data.labels)).toEqual([2, 2, 4]);
		expect(data.xyz[3]).toBeCloseTo(0.2, 12);
		expect(data.warnings).toEqual(['The headers give no unit; the readings (typical size 1.02) look like g.']);
	});

	it('reads a phone app export in m/s² and converts it to g', () => {
		const text = '"Time (s)","Acceleration x (m/s^2)","Acceleration y (m/s^2)","Acceleration z (m/s^2)"\n' +
			Array.from({ length: 101 }, (_, i) => `${(i * 0.01).toFixed(2)},0,${STANDARD_GRAVITY},0`).join('\n');
		const data = ok(parseCsv(text));
		expect(data.labels.length).toBe(51);
		expect(data.rows).toBe(101);
		expect(data.xyz[1]).toBeCloseTo(1, 12);
		expect(Array.from(data.labels).every((l) => l === NO_LABEL)).toBe(true);
	});

	it('warns that linear acceleration leaves out gravity', () => {
		const text = 'Time (s);Linear Acceleration x (m/s^2);Linear Acceleration y (m/s^2);Linear Acceleration z (m/s^2)\n0;0,1;0,2;0,3\n0,1;0,1;0,2;0,3\n';
		const data = ok(parseCsv(text));
		expect(data.xyz[2]).toBeCloseTo(0.3 / STANDARD_GRAVITY, 12);
		expect(data.warnings.join(' ')).toMatch(/linear acceleration.*without gravity/i);
	});

	it('guesses a missing unit from the size of gravity, and says so', () => {
		const inMs2 = ok(parseCsv('t,ax,ay,az\n0,0,0,9.8\n1,0,0,9.81\n'));
		expect(inMs2.xyz[2]).toBeCloseTo(9.8 / STANDARD_GRAVITY, 12);
		expect(inMs2.warnings[0]).toMatch(/no unit.*m\/s²/);
		const inG = ok(parseCsv('t,ax,ay,az\n0,0,0,1\n1,0,0,1\n'));
		expect(inG.xyz[2]).toBe(1);
		expect(inG.warnings[0]).toMatch(/look like g/);
	});

	it('takes times in ms, seconds_elapsed over a ns clock, label numbers and unlabelled rows', () => {
		const ms = ok(parseCsv('time (ms),x (g),y (g),z (g),activity\n0,0,0,1,0\n20,0,0,1,\n40,0,0,1,unlabelled\n60,0,0,1,Dancing\n'));
		expect(Array.from(ms.labels)).toEqual([0, NO_LABEL, NO_LABEL, 3]);
		expect(ms.warnings).toEqual(['2 of 4 rows have no label.']);
		const logger = ok(parseCsv('time,seconds_elapsed,z,y,x\n1700000000000000000,0,1,0,0\n1700000000020000000,0.02,1,0,0\n'));
		expect(logger.labels.length).toBe(2);
		expect(Array.from(logger.xyz.subarray(0, 3))).toEqual([0, 0, 1]);
	});

	it('gives back an exported recording (6 decimals), labels and unlabelled steps included', () => {
		const recording = sampleRecording('r', 500);
		const back = ok(parseCsv(toCsv(recording)));
		expect(Array.from(back.labels)).toEqual(Array.from(recording.labels));
		let worst = 0;
		for (let i = 0; i < recording.xyz.length; i++) worst = Math.max(worst, Math.abs(back.xyz[i] - recording.xyz[i]));
		expect(worst).toBeLessThanOrEqual(5e-7 + 1e-12);
		expect(back.warnings).toEqual(['5 of 500 rows have no label.']);
	});

	it('reads 100,000 rows in slices, yielding between them', async () => {
		const rows = Array.from({ length: 100_000 }, (_, i) => `${(i / 100).toFixed(2)},0.1,-0.2,0.97`);
		let pauses = 0;
		const result = await parseCsvAsync(
			'time,x,y,z\n' + rows.join('\n'),
			50,
			async () => {
				pauses++;
			},
			0
		);
		expect(ok(result).labels.length).toBe(50_000);
		// With no time allowance it hands the page back after every slice of rows.
		expect(pauses).toBe(Math.floor(100_000 / SLICE_ROWS));
	});
});

describe('parseCsv: bad files name the line and column', () => {
	const cases: [string, string, RegExp, number | undefined, number | undefined][] = [
		['an empty file', '  \n', /empty/, undefined, undefined],
		['no time column', 'x,y,z\n1,2,3\n', /Line 1: the header has no time column/, 1, undefined],
		['a missing axis', 'time,x,y\n0,1,2\n', /no column for axis z/, 1, undefined],
		['an unknown unit', 'time,x (ft/s2),y (ft/s2),z (ft/s2)\n0,1,2,3\n', /unit “ft\/s2” is unknown/, 1, undefined],
		['a short row', 'time,x,y,z\n0,0,0,1\n0.02,0,0\n', /Line 3 has 3 columns; the header has 4/, 3, 4],
		['a word for a number', 'time,x,y,z\n0,0,0,1\n0.02,0,abc,1\n', /Line 3, column 3 \(“y”\): “abc” is not a number/, 3, 3],
		['an empty cell', 'time,x,y,z\n0,0,0,1\n0.02,,0,1\n', /Line 3, column 2 \(“x”\): “” is not a number/, 3, 2],
		['time going back', 'time,x,y,z\n0,0,0,1\n0.04,0,0,1\n0.02,0,0,1\n', /Line 4, column 1 \(“time”\): the time 0.02 is earlier/, 4, 1],
		['an unknown activity', 'time,x,y,z,label\n0,0,0,1,walking\n0.02,0,0,1,jumping\n', /Line 3, column 5 \(“label”\): “jumping” is not an activity/, 3, 5],
		['one row', 'time,x,y,z\n0,0,0,1\n', /only one row/, undefined, undefined],
		['one instant', 'time,x,y,z\n0,0,0,1\n0,0,0,1\n', /no time at all/, undefined, undefined],
		['a day too long', 'time,x,y,z\n0,0,0,1\n99999,0,0,1\n', /Line 3: the file lasts longer/, 3, undefined]
	];
	for (const [name, text, message, line, column] of cases) {
		it(`refuses ${name}`, () => {
			const result = parseCsv(text);
			expect(result.ok).toBe(false);
			if (result.ok) return;
			expect(result.message).toMatch(message);
			expect(result.line).toBe(line);
			expect(result.column).toBe(column);
		});
	}

	it('never throws, whatever the text', () => {
		const cell = fc.oneof(fc.double(), fc.constantFrom('', 'walking', '"', 'NaN', '1e999', ',', ';'), fc.string({ maxLength: 6 }));
		const row = fc.array(cell, { maxLength: 6 }).map((cells) => cells.join(','));
		const header = fc.constantFrom('time,x,y,z', 'time,x,y,z,label', 'Time (s);Acceleration x (m/s^2);Acceleration y (m/s^2);Acceleration z (m/s^2)', 'x;y');
		fc.assert(
			fc.property(fc.oneof(fc.string(), fc.tuple(header, fc.array(row, { maxLength: 20 })).map(([h, rows]) => [h, ...rows].join('\n'))), (text) => {
				const result = parseCsv(text);
				expect(typeof result.ok).toBe('boolean');
				if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
				else expect(result.data.xyz.every(Number.isFinite)).toBe(true);
			}),
			{ numRuns: 400 }
		);
	});
});
