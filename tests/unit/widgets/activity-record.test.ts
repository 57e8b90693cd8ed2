// The recorder's pure pieces: a devicemotion reading in g, the live window, and how far the
// network's step-by-step answer agrees with the student's labels.
import { describe, expect, it } from 'vitest';
import { agreement, csvFileName, liveView, recordingName } from '$lib/widgets/activity-record/model';
import { readingInG } from '$lib/activity/sensor';
import { NO_LABEL, STANDARD_GRAVITY } from '$lib/activity/recording';

describe('recorder', () => {
	it('turns m/s² into g and refuses readings the device left empty', () => {
		expect(readingInG({ x: 0, y: STANDARD_GRAVITY, z: -STANDARD_GRAVITY / 2 })).toEqual([0, 1, -0.5]);
		expect(readingInG({ x: null, y: 1, z: 1 })).toBeNull();
		expect(readingInG(null)).toBeNull();
		expect(readingInG({ x: NaN, y: 1, z: 1 })).toBeNull();
	});
	it('shows the newest seconds while recording', () => {
		expect(liveView(120, 10, 50)).toEqual({ start: 0, end: 500 });
		expect(liveView(2000, 10, 50)).toEqual({ start: 1500, end: 2000 });
	});
	it('counts agreement on labelled steps only', () => {
		const labels = Int8Array.from([NO_LABEL, 2, 2, 2, 4]);
		const predicted = Int8Array.from([0, 2, 2, 3, 4]);
		expect(agreement(labels, predicted)).toEqual({ labelled: 4, agreed: 3, predicted: [1, 0, 2, 1, 1] });
	});
	it('names recordings and their files', () => {
		expect(recordingName(new Date(2026, 11, 7, 9, 5))).toBe('Recording 7 Dec 09:05');
		expect(csvFileName('Recording 7 Dec 09:05')).toBe('recording-7-dec-09-05.csv');
		expect(csvFileName('!!!')).toBe('recording.csv');
	});
});
