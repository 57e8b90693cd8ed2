// The recorder's pure pieces: a devicemotion reading in g, the live window, and how far the
// network's step-by-step answer agrees with the student's labels.
import { describe, expect, it } from 'vitest';
import { agreement, csvFileName, liveSummary, liveView, recordingName } from '$lib/widgets/activity-record/model';
import { readingInG, readingSign, signedReadings, SIGN_READINGS } from '$lib/activity/sensor';
import { NO_LABEL, STANDARD_GRAVITY } from '$lib/activity/recording';

describe('recorder', () => {
	it('turns m/s² into g and refuses readings the device left empty', () => {
		expect(readingInG({ x: 0, y: STANDARD_GRAVITY, z: -STANDARD_GRAVITY / 2 })).toEqual([0, 1, -0.5]);
		expect(readingInG({ x: null, y: 1, z: 1 })).toBeNull();
		expect(readingInG(null)).toBeNull();
		expect(readingInG({ x: NaN, y: 1, z: 1 })).toBeNull();
	});
	it('reads every phone in the W3C convention the training data use (iOS flips every axis)', () => {
		const inHand: [number, number, number] = [0.1, 0.6, 0.75]; // screen up, top end raised
		const flipped: [number, number, number] = [-0.1, -0.6, -0.75];
		expect(readingSign([inHand, inHand], false)).toBe(1);
		expect(readingSign([inHand, inHand], true)).toBe(1); // an iOS that follows the spec
		expect(readingSign([flipped, flipped], true)).toBe(-1);
		expect(readingSign([flipped, flipped], false)).toBe(-1);
		// Ambiguous readings (the phone on its side): the platform decides.
		const sideways: [number, number, number] = [1, 0.1, -0.1];
		expect(readingSign([sideways], true)).toBe(-1);
		expect(readingSign([sideways], false)).toBe(1);
		expect(readingSign([], false)).toBe(1);

		const out: number[][] = [];
		const push = signedReadings(true, (t, x, y, z) => out.push([t, x, y, z]));
		for (let i = 0; i < SIGN_READINGS - 1; i++) push(i, flipped);
		expect(out).toHaveLength(0); // held until the sign is known
		push(SIGN_READINGS - 1, flipped);
		push(SIGN_READINGS, [0, -1, 0]); // top end up, as iOS reports it
		expect(out).toHaveLength(SIGN_READINGS + 1);
		expect(out.map((r) => r[0])).toEqual([...Array(SIGN_READINGS + 1).keys()]);
		expect(out[0].slice(1)).toEqual([0.1, 0.6, 0.75]);
		expect(out.at(-1)!.slice(1)).toEqual([-0, 1, -0]);
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

describe('liveSummary (what a screen reader hears while recording)', () => {
	// 12 s at 50 Hz: 4 s unlabelled and still (1 g on z), then walking with a bounce, the network saying standing, then running for the last 3 s.
	const steps = 600;
	const xyz = new Float64Array(3 * steps);
	const labels = new Int8Array(steps).fill(-1);
	const predicted = new Int8Array(steps).fill(1);
	for (let t = 0; t < steps; t++) {
		xyz[3 * t + 2] = t < 200 ? 1 : 1 + 0.3 * Math.sin(t / 3);
		if (t >= 200) labels[t] = 2;
		if (t >= 450) predicted[t] = 4;
	}

	it('says how long, what was tapped, how much it moves and what the network says, over the live window', () => {
		const text = liveSummary({ steps, rate: 50, seconds: 10, xyz, labels, predicted });
		expect(text).toMatch(/^Recording for 12\.0 s \(600 steps\)\. In the last 10\.0 s: no label, then walking; the acceleration's size varies by 0\.(59|60) g; the network says standing on 70% of these steps\.$/);
	});

	it('leaves the network out when there is none, and says when nothing came yet', () => {
		const still = liveSummary({ steps: 150, rate: 50, seconds: 10, xyz, labels, predicted: null });
		expect(still).toBe("Recording for 3.00 s (150 steps). In the last 3.00 s: no label; the acceleration's size varies by 0.00 g.");
		expect(liveSummary({ steps: 0, rate: 50, seconds: 10, xyz, labels, predicted: null })).toBe('Recording: no readings yet.');
	});
});
