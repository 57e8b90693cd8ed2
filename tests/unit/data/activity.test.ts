import { describe, expect, it } from 'vitest';
import {
	ACTIVITIES,
	DANCING,
	DataError,
	RUNNING,
	SITTING,
	STANDING,
	WALKING,
	activityCounts,
	activityShares,
	activityWindows,
	countTargets,
	generateActivityData,
	generateRecording,
	makePerson,
	type ActivityRecording
} from '$lib/engine/data';

// Generated once: 7 people × 50,000–64,000 steps.
const data = generateActivityData({ seed: 2024 });
const short = (seed: number | string, id = 0, steps = 3000) => generateRecording(seed, makePerson(seed, id), { steps });

function errorOf(fn: () => unknown): DataError {
	try {
		fn();
	} catch (e) {
		expect(e).toBeInstanceOf(DataError);
		return e as DataError;
	}
	throw new Error('expected a DataError');
}

function mean(values: number[]): number {
	return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Steps of one activity (leaving out transitions). */
function stepsOf(rec: ActivityRecording, activity: number): number[] {
	const out: number[] = [];
	rec.labels.forEach((l, t) => l === activity && !rec.transition[t] && out.push(t));
	return out;
}

function magnitude(rec: ActivityRecording, t: number): number {
	return Math.hypot(rec.x[t], rec.y[t], rec.z[t]);
}

function sd(values: number[]): number {
	const m = mean(values);
	return Math.sqrt(mean(values.map((v) => (v - m) ** 2)));
}

/** Frequency (Hz) with the most power in the magnitude of steps [from, from + n). */
function dominantFrequency(rec: ActivityRecording, from: number, n: number): number {
	const mag = Array.from({ length: n }, (_, i) => magnitude(rec, from + i));
	const m = mean(mag);
	let best = 0;
	let bestPower = -1;
	for (let f = 0.5; f <= 5; f += 0.02) {
		let re = 0;
		let im = 0;
		mag.forEach((v, i) => {
			const a = (2 * Math.PI * f * i) / rec.sampleRate;
			re += (v - m) * Math.cos(a);
			im += (v - m) * Math.sin(a);
		});
		if (re * re + im * im > bestPower) [best, bestPower] = [f, re * re + im * im];
	}
	return best;
}

describe('people', () => {
	it('are 7 different people, each the same for the same seed', () => {
		expect(data.people).toHaveLength(7);
		expect(new Set(data.people.map((p) => p.walkFrequency)).size).toBe(7);
		expect(makePerson(2024, 3)).toEqual(data.people[3]);
		expect(makePerson(2025, 3)).not.toEqual(data.people[3]);
	});
	it('walk slower than they run, in realistic ranges', () => {
		for (const p of data.people) {
			expect(p.walkFrequency).toBeGreaterThanOrEqual(1.6);
			expect(p.walkFrequency).toBeLessThanOrEqual(2.1);
			expect(p.runFrequency).toBeGreaterThanOrEqual(2.5);
			expect(p.runAmplitude).toBeGreaterThan(p.walkAmplitude);
		}
	});
});

describe('recordings', () => {
	it('are 50,000–64,000 steps at 50 Hz, with a label and a transition flag per step', () => {
		for (const rec of data.recordings) {
			const n = rec.labels.length;
			expect(n).toBeGreaterThanOrEqual(50_000);
			expect(n).toBeLessThanOrEqual(64_000);
			expect(rec.sampleRate).toBe(50);
			for (const axis of [rec.x, rec.y, rec.z]) expect(axis).toHaveLength(n);
			expect(rec.transition).toHaveLength(n);
		}
	});
	it('hold only finite values between −5 g and 5 g, inside a phone accelerometer’s range', () => {
		let largest = 0;
		for (const rec of data.recordings) {
			for (const axis of [rec.x, rec.y, rec.z]) {
				for (const v of axis) largest = Math.max(largest, Number.isFinite(v) ? Math.abs(v) : Infinity);
			}
		}
		expect(largest).toBeLessThan(5);
		expect(largest).toBeGreaterThan(1.5); // running footfalls and the swing of the thigh
	});
	it('are chains of 8–80 s segments that cover every step, never the same activity twice in a row', () => {
		for (const rec of data.recordings) {
			let next = 0;
			rec.segments.forEach((seg, i) => {
				expect(seg.start).toBe(next);
				next += seg.length;
				if (i < rec.segments.length - 1) {
					expect(seg.length).toBeGreaterThanOrEqual(400);
					expect(seg.length).toBeLessThanOrEqual(4000);
					expect(rec.segments[i + 1].activity).not.toBe(seg.activity);
				}
				for (let t = seg.start; t < seg.start + seg.length; t++) if (rec.labels[t] !== seg.activity) throw new Error(`label at ${t}`);
			});
			expect(next).toBe(rec.labels.length);
		}
	});
	it('blend activities for 0.8–2 s at the start of each segment but the first', () => {
		const rec = data.recordings[0];
		rec.segments.forEach((seg, i) => {
			let blended = 0;
			for (let t = seg.start; t < seg.start + seg.length; t++) blended += rec.transition[t];
			const leading = rec.transition.subarray(seg.start, seg.start + blended).every((v) => v === 1);
			expect(leading).toBe(true);
			if (i === 0) expect(blended).toBe(0);
			else expect(blended).toBeGreaterThanOrEqual(Math.min(40, Math.floor(seg.length / 4)));
			expect(blended).toBeLessThanOrEqual(100);
		});
	});
	it('are the same for the same seed and differ for another seed', () => {
		const a = short('x');
		const b = short('x');
		expect(a.x).toEqual(b.x);
		expect(a.labels).toEqual(b.labels);
		expect(short('y').x).not.toEqual(a.x);
		// person i does not depend on how many people are generated
		const three = generateActivityData({ seed: 2024, people: 3, steps: 2000 });
		expect(three.recordings[1].z).toEqual(generateRecording(2024, makePerson(2024, 1), { steps: 2000 }).z);
	});
	it('refuse a bad number of steps or sample rate with a clear message', () => {
		expect(errorOf(() => short(1, 0, 0)).message).toMatch(/number of steps/);
		expect(errorOf(() => generateRecording(1, makePerson(1, 0), { sampleRate: 0 })).message).toMatch(/sample rate/);
		expect(errorOf(() => generateActivityData({ seed: 1, heldOut: 7 })).message).toMatch(/held-out/);
	});
});

describe('class balance', () => {
	it('every activity is 12–28% of all steps, and at least 5% of each person’s', () => {
		const pooled = activityShares(Uint8Array.from(data.recordings.flatMap((r) => Array.from(r.labels))));
		for (const share of pooled) {
			expect(share).toBeGreaterThan(0.12);
			expect(share).toBeLessThan(0.28);
		}
		for (const rec of data.recordings) for (const share of activityShares(rec.labels)) expect(share).toBeGreaterThan(0.05);
	});
	it('counts steps per activity', () => {
		expect(activityCounts([0, 4, 4, 2])).toEqual([1, 0, 1, 0, 2]);
		expect(errorOf(() => activityCounts([5])).message).toMatch(/not an activity/);
	});
});

describe('what tells the activities apart', () => {
	it('standing puts gravity along the phone’s long axis (y), sitting across it, 70–90° apart', () => {
		data.recordings.forEach((rec, i) => {
			const g = [SITTING, STANDING].map((a) => {
				const steps = stepsOf(rec, a);
				return [rec.x, rec.y, rec.z].map((axis) => mean(steps.map((t) => axis[t])));
			});
			for (const v of g) expect(Math.hypot(...v)).toBeCloseTo(1, 1);
			expect(g[1][1]).toBeGreaterThan(0.95);
			expect(Math.abs(g[0][1])).toBeLessThan(0.5);
			const cos = (g[0][0] * g[1][0] + g[0][1] * g[1][1] + g[0][2] * g[1][2]) / (Math.hypot(...g[0]) * Math.hypot(...g[1]));
			const angle = (Math.acos(Math.min(1, cos)) * 180) / Math.PI;
			expect(data.people[i].sitTilt).toBeGreaterThanOrEqual(70);
			expect(data.people[i].sitTilt).toBeLessThanOrEqual(90);
			expect(Math.abs(angle - data.people[i].sitTilt)).toBeLessThan(8);
		});
	});
	it('each person’s phone is turned its own way about its long axis: sitting points gravity in different directions', () => {
		const sitting = data.recordings.map((rec) => Math.atan2(mean(stepsOf(rec, SITTING).map((t) => rec.z[t])), mean(stepsOf(rec, SITTING).map((t) => rec.x[t]))));
		const spread = Math.max(...sitting) - Math.min(...sitting);
		expect(spread).toBeGreaterThan(Math.PI / 2);
	});
	it('running shakes more than walking or dancing, which shake more than standing or sitting', () => {
		for (const rec of data.recordings) {
			const shake = ACTIVITIES.map((_, a) => sd(stepsOf(rec, a).map((t) => magnitude(rec, t))));
			expect(shake[RUNNING]).toBeGreaterThan(1.5 * Math.max(shake[WALKING], shake[DANCING]));
			expect(Math.min(shake[WALKING], shake[DANCING])).toBeGreaterThan(2 * Math.max(shake[SITTING], shake[STANDING]));
		}
	});
	it('walking and running repeat at the person’s step frequency, or at half of it (the stride of the leg with the phone)', () => {
		for (const rec of data.recordings.slice(0, 3)) {
			for (const [activity, f] of [
				[WALKING, rec.person.walkFrequency],
				[RUNNING, rec.person.runFrequency]
			]) {
				const seg = rec.segments.find((s) => s.activity === activity && s.length >= 1000)!;
				const found = dominantFrequency(rec, seg.start + 100, 800);
				const near = (target: number) => found > 0.8 * target && found < 1.2 * target;
				expect(near(f) || near(f / 2)).toBe(true);
			}
		}
	});
});

describe('train and test split', () => {
	it('trains on 6 people and holds out the 7th', () => {
		expect(data.train).toHaveLength(6);
		expect(data.test).toEqual([data.recordings[6]]);
		expect(data.train.map((r) => r.person.id)).toEqual([0, 1, 2, 3, 4, 5]);
		const other = generateActivityData({ seed: 1, heldOut: 2, people: 4, steps: 1000 });
		expect(other.test[0].person.id).toBe(2);
		expect(other.train.map((r) => r.person.id)).toEqual([0, 1, 3]);
	});
});

describe('activity windows', () => {
	const rec = short(5, 0, 20_000);

	it('cut a recording into 3-vector sequences labelled with the last step’s activity', () => {
		const w = activityWindows(rec, { length: 100, stride: 50 });
		expect(w.samples).toHaveLength(Math.floor((20_000 - 100) / 50) + 1);
		expect(w.inputSize).toBe(3);
		expect(w.outputSize).toBe(5);
		expect(w.classNames).toEqual([...ACTIVITIES]);
		w.samples.forEach((s, i) => {
			const start = w.starts[i];
			expect(s.inputs).toHaveLength(100);
			expect(Array.from(s.inputs[7])).toEqual([rec.x[start + 7], rec.y[start + 7], rec.z[start + 7]]);
			expect(s.targets.slice(0, 99).every((t) => t === null)).toBe(true);
			expect(s.targets[99]).toBe(rec.labels[start + 99]);
		});
		expect(countTargets(w).reduce((a, b) => a + b, 0)).toBe(w.samples.length);
	});
	it('can label by majority, label every step, or skip mixed and blended windows', () => {
		const majority = activityWindows(rec, { length: 500, target: 'majority' });
		majority.samples.forEach((_, i) => {
			const counts = activityCounts(rec.labels.subarray(majority.starts[i], majority.starts[i] + 500));
			expect(counts[majority.labels[i]]).toBe(Math.max(...counts));
		});
		const every = activityWindows(rec, { length: 50, target: 'every' });
		expect(every.shape).toBe('many-to-many');
		expect(every.samples[3].targets).toEqual(Array.from(rec.labels.subarray(150, 200)));
		const pure = activityWindows(rec, { length: 200, stride: 20, skipMixed: true, skipTransitions: true });
		expect(pure.samples.length).toBeGreaterThan(0);
		expect(pure.samples.length).toBeLessThan(activityWindows(rec, { length: 200, stride: 20 }).samples.length);
		pure.starts.forEach((start) => {
			expect(new Set(rec.labels.subarray(start, start + 200)).size).toBe(1);
			expect(rec.transition.subarray(start, start + 200).includes(1)).toBe(false);
		});
	});
	it('number windows across several recordings', () => {
		const w = activityWindows([short(1, 0, 1000), short(1, 1, 1000)], { length: 250 });
		expect(w.recording).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
		expect(w.starts).toEqual([0, 250, 500, 750, 0, 250, 500, 750]);
	});
	it('explain a window longer than the recording', () => {
		expect(errorOf(() => activityWindows(short(1, 0, 100), { length: 200 })).code).toBe('series-too-short');
	});
});
