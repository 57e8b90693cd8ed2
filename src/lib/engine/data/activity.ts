/**
 * Synthetic 3-axis accelerometer recordings (in g) of 7 people doing 5 activities, made by a phone
 * in a front trouser pocket, as in lecture 000 ("accelerometer data within a person's pocket").
 *
 * The model of a recording — movements are in `activity-motion.ts`:
 * - the phone lies on the front of the thigh, its long axis (the sensor's y) along the thigh. The
 *   thigh frame is (forward, left, up the thigh); gravity reads +1 g along "up" when the thigh is
 *   vertical and turns with the thigh's pitch (knee forward) and roll (knee out);
 * - standing: thigh vertical with a slow sway; sitting: thigh raised 70–90° (each person their own
 *   angle) and very still — so gravity moves from the phone's long axis across to its face;
 * - walking (1.6–2.1 steps/s) and running (2.5–3.1 steps/s): the thigh swings forward and back
 *   once per stride (±15–25° walking, ±30–45° running, about a forward mean), which turns gravity
 *   and adds the swing's own acceleration at the pocket, 12–20 cm below the hip; the hip bounces at
 *   every step (0.22–0.4 g walking, 0.65–1.0 g running with sharp footfall peaks);
 * - dancing changes "moves" every 2–8 beats: random mixes of beat multiples, leg swings and lifts,
 *   and bounces;
 * - each person's phone sits in the pocket their own way: turned about its long axis by any angle
 *   (which way the screen faces), tipped by up to ±6° on the other two axes; plus a small
 *   calibration offset per axis and white noise (0.01–0.035 g).
 * A recording is a chain of activity segments (8–80 s; every activity once per block of five, in
 * random order, never the same twice in a row). The first 0.8–2 s of a segment blend posture and
 * movement from the previous activity; those steps are labelled with the new activity and
 * flagged in `transition`.
 *
 * Same seed → same people and recordings; person i depends only on (seed, i). Segment lengths,
 * dance moves and fidgets are bit-identical in every JavaScript engine; sample values may differ
 * in the last bits where engines round Math.sin/cos/exp differently.
 *
 * Speed: 64,000 steps take about 10–15 ms once the JavaScript engine has optimized the code;
 * the very first recording of a page load, still partly interpreted, took 50–90 ms on a busy
 * 2-core test machine.
 * Limit: 1,000,000 steps per recording.
 */

import { createRandom, type Random } from '../random';
import { makeMotion, noise3, motionBuffers, type Motion, type MotionBuffers } from './activity-motion';
import { DataError, requireFinite, requireInteger, show } from './errors';

export { SITTING, STANDING, WALKING, DANCING, RUNNING } from './activity-motion';

export const ACTIVITIES = ['sitting', 'standing', 'walking', 'dancing', 'running'] as const;
export type Activity = (typeof ACTIVITIES)[number];

const DEG = Math.PI / 180;
export const MAX_RECORDING_STEPS = 1_000_000;

export interface PersonProfile {
	id: number;
	name: string;
	/** Steps per second while walking and running (the thigh swings once every two steps). */
	walkFrequency: number;
	runFrequency: number;
	/** Size of the hip's vertical bounce in g. */
	walkAmplitude: number;
	runAmplitude: number;
	/** Dance beats per second and how energetic the moves are (0.4–0.9). */
	danceTempo: number;
	danceEnergy: number;
	/** How far the thigh is raised from vertical when sitting, in degrees (70–90). */
	sitTilt: number;
	/** Mean forward lift of the thigh while walking / running, in degrees. */
	walkLean: number;
	runLean: number;
	/** Half the thigh's swing, forward and back, while walking / running, in degrees. */
	walkSwing: number;
	runSwing: number;
	/** Distance from the hip joint down the thigh to the phone, in metres. */
	pocket: number;
	/** Standard deviation of the standing sway, in degrees. */
	sway: number;
	/**
	 * How the phone sits in the pocket, in degrees: turned about its long axis (yaw: 0 = screen
	 * facing forward, ±180 = facing the leg), then tipped about its short axis (pitch) and its
	 * screen's normal (roll).
	 */
	mounting: { yaw: number; pitch: number; roll: number };
	/** Calibration offset per sensor axis, in g. */
	bias: [number, number, number];
	/** Standard deviation of the sensor's white noise, in g. */
	noise: number;
}

const NAMES = ['Ada', 'Ben', 'Chloé', 'Dev', 'Emeka', 'Fatima', 'Gus'];

/** Person `id`'s gait and sensor, drawn from the seed; the same for the same (seed, id). */
export function makePerson(seed: number | string, id: number): PersonProfile {
	requireInteger('The person number', id, 0, 999);
	const r = createRandom(`${seed}/person/${id}`);
	const u = (lo: number, hi: number) => r.range(lo, hi);
	return {
		id,
		name: NAMES[id] ?? `Person ${id + 1}`,
		walkFrequency: u(1.6, 2.1),
		runFrequency: u(2.5, 3.1),
		walkAmplitude: u(0.22, 0.4),
		runAmplitude: u(0.65, 1.0),
		danceTempo: u(1.6, 2.2),
		danceEnergy: u(0.4, 0.9),
		sitTilt: u(70, 90),
		walkLean: u(4, 10),
		runLean: u(12, 22),
		walkSwing: u(15, 25),
		runSwing: u(30, 45),
		pocket: u(0.12, 0.2),
		sway: u(0.5, 1.5),
		mounting: { yaw: u(-180, 180), pitch: u(-6, 6), roll: u(-6, 6) },
		bias: [u(-0.03, 0.03), u(-0.03, 0.03), u(-0.03, 0.03)],
		noise: u(0.01, 0.035)
	};
}

export interface Segment {
	activity: number;
	start: number;
	length: number;
}

export interface ActivityRecording {
	person: PersonProfile;
	sampleRate: number;
	/** Sensor axes in g, one value per step. */
	x: Float64Array;
	y: Float64Array;
	z: Float64Array;
	/** Activity index (see ACTIVITIES) per step. */
	labels: Uint8Array;
	/** 1 while blending in from the previous activity, else 0. */
	transition: Uint8Array;
	segments: Segment[];
}

export interface RecordingOptions {
	/** Steps to record; default: 50,000–64,000, drawn per person. */
	steps?: number;
	/** Samples per second (default 50). */
	sampleRate?: number;
	/** Shortest and longest activity segment in seconds (default 8 and 80). */
	minSegmentSeconds?: number;
	maxSegmentSeconds?: number;
}

/** One recording of `person`; the same for the same (seed, person, options). */
export function generateRecording(
	seed: number | string,
	person: PersonProfile,
	options: RecordingOptions = {}
): ActivityRecording {
	const { sampleRate = 50, minSegmentSeconds = 8, maxSegmentSeconds = 80 } = options;
	requireFinite('The sample rate', sampleRate, 10, 1000);
	requireFinite('The shortest segment', minSegmentSeconds, 1, 3600);
	requireFinite('The longest segment', maxSegmentSeconds, minSegmentSeconds, 3600);
	if (!person || typeof person.walkFrequency !== 'number') {
		throw new DataError('invalid-argument', `generateRecording needs a person from makePerson, not ${show(person)}.`);
	}
	const r = createRandom(`${seed}/recording/${person.id}`);
	const steps = options.steps ?? 50_000 + r.int(14_001);
	requireInteger('The number of steps', steps, 1, MAX_RECORDING_STEPS);

	const segments = schedule(r, steps, Math.round(minSegmentSeconds * sampleRate), Math.round(maxSegmentSeconds * sampleRate));
	const x = new Float64Array(steps);
	const y = new Float64Array(steps);
	const z = new Float64Array(steps);
	const labels = new Uint8Array(steps);
	const transition = new Uint8Array(steps);
	const m = mountingMatrix(person);
	const capacity = segments.reduce((most, s) => Math.max(most, s.length), 0);
	const cur = motionBuffers(capacity);
	const prev = motionBuffers(capacity);
	let prevMotion: Motion | null = null;

	for (const seg of segments) {
		const motion = makeMotion(seg.activity, person, r, sampleRate);
		motion(cur, seg.length);
		let blend = 0;
		if (prevMotion) {
			blend = Math.min(Math.round(r.range(0.8, 2) * sampleRate), Math.floor(seg.length / 4));
			prevMotion(prev, blend); // the previous activity carries on while fading out
			for (let i = 0; i < blend; i++) {
				const s = (i + 0.5) / blend;
				const w = s * s * (3 - 2 * s); // smoothstep
				cur.f[i] = w * cur.f[i] + (1 - w) * prev.f[i];
				cur.l[i] = w * cur.l[i] + (1 - w) * prev.l[i];
				cur.u[i] = w * cur.u[i] + (1 - w) * prev.u[i];
				cur.pitch[i] = w * cur.pitch[i] + (1 - w) * prev.pitch[i];
				cur.roll[i] = w * cur.roll[i] + (1 - w) * prev.roll[i];
			}
			transition.fill(1, seg.start, seg.start + blend);
		}
		labels.fill(seg.activity, seg.start, seg.start + seg.length);
		toSensor(cur, seg.length, seg.start, m, person, r, x, y, z);
		prevMotion = motion;
	}
	return { person, sampleRate, x, y, z, labels, transition, segments };
}

/** Gravity (world up seen in the thigh frame) plus movement, turned into the phone's frame, plus noise. */
function toSensor(
	body: MotionBuffers,
	count: number,
	start: number,
	m: Float64Array,
	person: PersonProfile,
	r: Random,
	x: Float64Array,
	y: Float64Array,
	z: Float64Array
): void {
	const { f, l, u, pitch, roll } = body;
	const [bx, by, bz] = person.bias;
	const noise = person.noise;
	const n = new Float64Array(3);
	for (let i = 0, t = start; i < count; i++, t++) {
		noise3(r, n);
		const cp = Math.cos(pitch[i]);
		const bf = f[i] - Math.sin(pitch[i]);
		const bl = l[i] + cp * Math.sin(roll[i]);
		const bu = u[i] + cp * Math.cos(roll[i]);
		x[t] = m[0] * bf + m[1] * bl + m[2] * bu + bx + noise * n[0];
		y[t] = m[3] * bf + m[4] * bl + m[5] * bu + by + noise * n[1];
		z[t] = m[6] * bf + m[7] * bl + m[8] * bu + bz + noise * n[2];
	}
}

/** Blocks of all five activities in random order, no activity twice in a row, random lengths. */
function schedule(r: Random, steps: number, minLen: number, maxLen: number): Segment[] {
	const segments: Segment[] = [];
	let start = 0;
	let last = -1;
	while (start < steps) {
		const block = [0, 1, 2, 3, 4];
		for (let i = 4; i > 0; i--) {
			const j = r.int(i + 1);
			[block[i], block[j]] = [block[j], block[i]];
		}
		if (block[0] === last) [block[0], block[4]] = [block[4], block[0]];
		for (const activity of block) {
			if (start >= steps) break;
			const length = Math.min(minLen + r.int(maxLen - minLen + 1), steps - start);
			segments.push({ activity, start, length });
			start += length;
			last = activity;
		}
	}
	return segments;
}

/**
 * Phone-from-thigh rotation, row-major. Worn straight, the phone's x is the thigh's left, y is up
 * the thigh and z (out of the screen) is forward; the person's pocket then turns it about y by
 * the yaw, about x by the pitch and about z by the roll: M = Rz(roll) · Rx(pitch) · Ry(yaw) · P.
 */
function mountingMatrix(p: PersonProfile): Float64Array {
	const [a, b, c] = [p.mounting.yaw * DEG, p.mounting.pitch * DEG, p.mounting.roll * DEG];
	const straight = [0, 1, 0, 0, 0, 1, 1, 0, 0]; // rows: x = left, y = up, z = forward
	const ry = [Math.cos(a), 0, Math.sin(a), 0, 1, 0, -Math.sin(a), 0, Math.cos(a)];
	const rx = [1, 0, 0, 0, Math.cos(b), -Math.sin(b), 0, Math.sin(b), Math.cos(b)];
	const rz = [Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c), 0, 0, 0, 1];
	return Float64Array.from(times(rz, times(rx, times(ry, straight))));
}

function times(a: number[], b: number[]): number[] {
	const out = new Array<number>(9);
	for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) out[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
	return out;
}

export interface ActivityDataOptions extends RecordingOptions {
	seed: number | string;
	/** Number of people (default 7). */
	people?: number;
	/** Index of the person held out for testing (default: the last). */
	heldOut?: number;
	/** Steps of person i's recording (beyond the list, or without one: drawn, as `steps` says). */
	lengths?: readonly number[];
}

export interface ActivityData {
	people: PersonProfile[];
	recordings: ActivityRecording[];
	/** Everyone's recording but the held-out person's. */
	train: ActivityRecording[];
	/** The held-out person's recording: a person the model has never seen. */
	test: ActivityRecording[];
}

/** 7 people (6 to train, 1 held out), one recording each. */
export function generateActivityData(options: ActivityDataOptions): ActivityData {
	const { seed, people: count = 7 } = options;
	requireInteger('The number of people', count, 2, 50);
	const heldOut = options.heldOut ?? count - 1;
	requireInteger('The held-out person', heldOut, 0, count - 1);
	const people = Array.from({ length: count }, (_, i) => makePerson(seed, i));
	const lengths = options.lengths ?? [];
	const recordings = people.map((p, i) => generateRecording(seed, p, i < lengths.length ? { ...options, steps: lengths[i] } : options));
	return {
		people,
		recordings,
		train: recordings.filter((_, i) => i !== heldOut),
		test: [recordings[heldOut]]
	};
}
