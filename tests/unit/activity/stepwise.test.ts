// The recorder names a finished recording step by step in the worker, a chunk at a time; the
// answer must be exactly the trained network's batch answer for the whole recording (classify.ts),
// state carried throughout.
import { describe, expect, it } from 'vitest';
import { createNetwork, initialize } from '$lib/engine';
import { classifyRecording, createStepClassifier } from '$lib/activity/classify';
import { CLASSIFY_CHUNK, createClassifyJob } from '$lib/activity/stepwise';
import { createResampler } from '$lib/activity/resample';
import { lectureData, toRecording } from '$lib/activity/lecture';
import type { Recording } from '$lib/activity/recording';

const network = initialize(createNetwork({ inputSize: 3, layers: [{ cell: 'lstm', hiddenSize: 8 }], outputSize: 5 }), { seed: 11 });
// Large weights make the untrained network's answer swing with the signal, so equal answers mean something.
network.params.forEach((w, i) => (network.params[i] = 6 * w));
const walk = toRecording(lectureData().recordings[0]);
const clip: Recording = { ...walk, xyz: walk.xyz.slice(0, 3 * 1500), labels: walk.labels.slice(0, 1500) };

describe('createClassifyJob (the worker names a finished recording)', () => {
	it('gives every step the same activity as the whole-recording pass, over many slices', () => {
		const job = createClassifyJob(network, clip.xyz, clip.rate);
		let slices = 0;
		let out: Int8Array | null = null;
		const fractions: number[] = [];
		while (!(out = job.advance(() => true))) {
			slices++;
			fractions.push(job.fraction);
		}
		expect(slices).toBe(Math.ceil(1500 / CLASSIFY_CHUNK) - 1);
		expect(fractions).toEqual([500 / 1500, 1000 / 1500]);
		const whole = classifyRecording(network, clip);
		expect(Array.from(out)).toEqual(Array.from(whole));
		// An untrained network still names more than one activity somewhere: the check is not vacuous.
		expect(new Set(whole).size).toBeGreaterThan(1);
	});

	it('refuses another rate or a network of another shape with a sentence', () => {
		expect(() => createClassifyJob(network, clip.xyz, 100)).toThrow(/100 samples per second; resample it to 50/);
		const other = initialize(createNetwork({ inputSize: 2, layers: [{ cell: 'lstm', hiddenSize: 3 }], outputSize: 5 }), { seed: 1 });
		expect(() => createClassifyJob(other, clip.xyz, 50)).toThrow(/reads 2 numbers/);
	});

	it('an empty recording is named at once', () => {
		expect(createClassifyJob(network, new Float64Array(0), 50).advance(() => true)).toEqual(new Int8Array(0));
	});

	it('agrees with the live path: resampled phone events fed one step at a time', () => {
		const resampler = createResampler(50);
		const live = createStepClassifier(network);
		const named: number[] = [];
		// A 120 Hz phone replaying the clip's first 10 s.
		for (let i = 0; i <= 1200; i++) {
			const seconds = i / 120;
			const k = Math.min(498, Math.floor(seconds * 50));
			const f = seconds * 50 - k;
			const at = (axis: number) => clip.xyz[3 * k + axis] + f * (clip.xyz[3 * (k + 1) + axis] - clip.xyz[3 * k + axis]);
			const before = resampler.length;
			resampler.push(seconds, at(0), at(1), at(2));
			const xyz = resampler.xyz();
			for (let t = before; t < resampler.length; t++) named.push(live.step(xyz[3 * t], xyz[3 * t + 1], xyz[3 * t + 2]));
		}
		const steps = resampler.length;
		const replay: Recording = { ...clip, xyz: resampler.xyz().slice(), labels: new Int8Array(steps) };
		expect(named).toEqual(Array.from(classifyRecording(network, replay)));
		expect(new Set(named).size).toBeGreaterThan(1);
		expect(steps).toBe(501);
	});
});
