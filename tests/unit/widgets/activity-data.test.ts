// The activity explorer's chart maths: zooming about a point, panning inside the recording, the
// per-pixel envelope that keeps every spike, the bands, and the lecture's lengths from the data.
import { describe, expect, it } from 'vitest';
import { MIN_SPAN, bandsInView, bandsOf, clampView, clock, duration, envelope, panView, shareInView, valueRange, viewFromSeconds, zoomView } from '$lib/widgets/activity-data/model';
import { LECTURE_LENGTHS, lectureData, toRecording } from '$lib/activity/lecture';
import { NO_LABEL, stepCount } from '$lib/activity/recording';

describe('zoom and pan', () => {
	const total = 64_480;
	it('zooms in about the anchor, keeping the step under it in place', () => {
		const v = zoomView({ start: 0, end: total }, 0.5, 0.25, total);
		expect(v).toEqual({ start: 8060, end: 40300 });
		// The step a quarter of the way across stays a quarter of the way across.
		expect((16_120 - v.start) / (v.end - v.start)).toBeCloseTo(0.25, 6);
	});
	it('stops at 2 s and at the whole recording', () => {
		let v = { start: 0, end: total };
		for (let i = 0; i < 40; i++) v = zoomView(v, 0.5, 0.5, total);
		expect(v.end - v.start).toBe(MIN_SPAN);
		for (let i = 0; i < 40; i++) v = zoomView(v, 2, 0.9, total);
		expect(v).toEqual({ start: 0, end: total });
	});
	it('pans by a share of the view and never past either end', () => {
		expect(panView({ start: 1000, end: 2000 }, 0.5, total)).toEqual({ start: 1500, end: 2500 });
		expect(panView({ start: 1000, end: 2000 }, -5, total)).toEqual({ start: 0, end: 1000 });
		expect(panView({ start: 1000, end: 2000 }, 500, total)).toEqual({ start: total - 1000, end: total });
	});
	it('reads from/span seconds, cutting a span past the end', () => {
		expect(viewFromSeconds(120, 8, 50, total)).toEqual({ start: 6000, end: 6400 });
		expect(viewFromSeconds(0, 0, 50, total)).toEqual({ start: 0, end: total });
		expect(viewFromSeconds(1280, 100, 50, total)).toEqual({ start: total - 5000, end: total });
		expect(clampView({ start: 5, end: 20 }, 50)).toEqual({ start: 0, end: 50 });
	});
});

describe('envelope', () => {
	it('keeps the extremes of every pixel column, so a one-step spike is drawn', () => {
		const xyz = new Float64Array(3 * 1000);
		xyz[3 * 637 + 1] = 5;
		const { min, max } = envelope(xyz, 1, { start: 0, end: 1000 }, 10);
		expect(Array.from(max)).toEqual([0, 0, 0, 0, 0, 0, 5, 0, 0, 0]);
		expect(Array.from(min)).toEqual(new Array(10).fill(0));
	});
});

describe('bands', () => {
	const labels = Int8Array.from([NO_LABEL, NO_LABEL, 2, 2, 2, 4, 4, 0]);
	it('are the runs of equal labels', () => {
		expect(bandsOf(labels)).toEqual([
			{ label: NO_LABEL, start: 0, end: 2 },
			{ label: 2, start: 2, end: 5 },
			{ label: 4, start: 5, end: 7 },
			{ label: 0, start: 7, end: 8 }
		]);
	});
	it('are cut to the view, and their shares add up to it', () => {
		const bands = bandsOf(labels);
		expect(bandsInView(bands, { start: 3, end: 6 })).toEqual([
			{ label: 2, start: 3, end: 5 },
			{ label: 4, start: 5, end: 6 }
		]);
		expect(shareInView(bands, { start: 1, end: 8 })).toEqual([
			{ label: 2, steps: 3 },
			{ label: 4, steps: 2 },
			{ label: NO_LABEL, steps: 1 },
			{ label: 0, steps: 1 }
		]);
	});
});

describe('the lecture data shown', () => {
	it('has the lecture’s six training lengths, counted from the recordings, and seven people', () => {
		const data = lectureData();
		const recordings = data.recordings.map(toRecording);
		expect(recordings).toHaveLength(7);
		expect(recordings.slice(0, 6).map(stepCount)).toEqual([...LECTURE_LENGTHS]);
		expect(duration(stepCount(recordings[0]) / 50)).toBe('21 min 29.6 s');
		const [lo, hi] = valueRange(recordings[0].xyz);
		expect(lo).toBeLessThan(-0.5);
		expect(hi).toBeGreaterThan(1);
	});
	it('writes durations and clock times readably', () => {
		expect(duration(4)).toBe('4.00 s');
		expect(duration(75.25)).toBe('1 min 15.3 s');
		expect(duration(3 * 3600 + 125)).toBe('3 h 2 min');
		expect(clock(125.25)).toBe('2:05.3');
	});
});
