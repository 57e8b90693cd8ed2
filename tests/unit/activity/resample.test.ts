// Resampling irregular phone samples to the 50 Hz steps the network is trained on.
import { describe, expect, it } from 'vitest';
import { createResampler } from '$lib/activity/resample';
import { NO_LABEL } from '$lib/activity/recording';

describe('createResampler', () => {
	it('interpolates each axis linearly between the samples around each step', () => {
		const r = createResampler(50);
		// Samples at 0, 30 ms and 50 ms: steps fall at 0, 20 and 40 ms.
		r.push(0, 0, 1, -1);
		r.push(0.03, 3, 1, 2);
		r.push(0.05, 5, 0, 0);
		expect(r.length).toBe(3);
		const xyz = Array.from(r.xyz());
		const expected = [0, 1, -1, 2, 1, 1, 4, 0.5, 1];
		xyz.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
	});

	it('gives each step the label in force at its time', () => {
		const r = createResampler(10);
		r.push(0, 0, 0, 1);
		r.push(0.15, 0, 0, 1, 2);
		r.push(0.3, 0, 0, 1, 2);
		r.push(0.35, 0, 0, 1, 4);
		r.push(0.4, 0, 0, 1, 4);
		expect(Array.from(r.labels())).toEqual([NO_LABEL, NO_LABEL, 2, 2, 4]);
	});

	it('turns 120 Hz with jittered timestamps into exactly 50 steps a second, without drift', () => {
		const r = createResampler(50);
		let t = 0;
		for (let i = 0; i < 120 * 600; i++) {
			t = i / 120 + (i % 3) * 1e-4;
			r.push(t, Math.sin(2 * Math.PI * 0.5 * t), 0, 1);
		}
		expect(r.length).toBe(Math.floor(t * 50) + 1);
		const xyz = r.xyz();
		let worst = 0;
		for (let k = 0; k < r.length; k++) worst = Math.max(worst, Math.abs(xyz[3 * k] - Math.sin(2 * Math.PI * 0.5 * (k / 50))));
		// Linear interpolation of a 0.5 Hz sine sampled at 120 Hz errs by at most ~(πΔt)²/2 plus the jitter.
		expect(worst).toBeLessThan(2e-3);
	});

	it('skips late and broken samples and lets a repeated time replace the sample', () => {
		const r = createResampler(10);
		r.push(1, 0, 0, 0);
		expect(r.push(0.5, 9, 9, 9)).toBe(0);
		expect(r.push(NaN, 1, 1, 1)).toBe(0);
		expect(r.push(1.05, 1, 1, Infinity)).toBe(0);
		r.push(1.05, 5, 5, 5);
		r.push(1.05, 1, 1, 1);
		r.push(1.1, 1, 1, 1);
		expect(Array.from(r.xyz())).toEqual([0, 0, 0, 1, 1, 1]);
	});

	it('refuses a rate that is not a positive number', () => {
		expect(() => createResampler(0)).toThrow(/positive/);
	});
});
