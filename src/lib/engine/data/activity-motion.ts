/**
 * How each activity moves the body: the movement models behind `activity.ts`.
 *
 * A motion writes, for a block of consecutive steps, the body-frame acceleration without gravity
 * (forward, left, up; in g) and the posture (pitch forward, roll left; in radians). Each motion
 * keeps its own state (phase, drifts), so calling it again continues where it stopped — that is
 * how a finished activity keeps moving while the next one blends in. Every motion fills its
 * block in one tight loop, so the JavaScript engine optimizes it on the first recording.
 */

import type { Random } from '../random';
import type { PersonProfile } from './activity';

export const SITTING = 0;
export const STANDING = 1;
export const WALKING = 2;
export const DANCING = 3;
export const RUNNING = 4;

const DEG = Math.PI / 180;
const TAU = 2 * Math.PI;

export interface MotionBuffers {
	f: Float64Array;
	l: Float64Array;
	u: Float64Array;
	pitch: Float64Array;
	roll: Float64Array;
}

export type Motion = (out: MotionBuffers, count: number) => void;

export function motionBuffers(capacity: number): MotionBuffers {
	const make = () => new Float64Array(capacity);
	return { f: make(), l: make(), u: make(), pitch: make(), roll: make() };
}

/**
 * Approximately standard normal from ONE 32-bit draw: the sum of its four bytes (Irwin–Hall,
 * 1,021 levels, bounded at ±3.45). Much faster than Box–Muller, and integer arithmetic only,
 * which every JavaScript engine does identically — so segment lengths, dance moves and fidgets
 * are bit-identical everywhere; only Math.sin/cos/exp in the waveforms may differ in the last
 * bits between engines.
 */
export function gauss(r: Random): number {
	const v = r.uniform() * 4294967296; // the generator's raw 32-bit output, exactly
	const sum = (v & 255) + ((v >>> 8) & 255) + ((v >>> 16) & 255) + (v >>> 24);
	return (sum - 510) / 147.80054127;
}

/**
 * 1,024 approximately standard normal values (Irwin–Hall of 12, in ± pairs so the mean is exactly
 * 0), built with integer arithmetic only. `noise3` reads three of them with one 32-bit draw: the
 * sensor's white noise costs a third of a draw per value.
 */
const NORMALS = (() => {
	const table = new Float64Array(1024);
	let s = 0x2545f491; // xorshift32
	for (let i = 0; i < table.length; i += 2) {
		let sum = 0;
		for (let k = 0; k < 12; k++) {
			s ^= s << 13;
			s ^= s >>> 17;
			s ^= s << 5;
			sum += (s >>> 0) / 4294967296;
		}
		table[i] = sum - 6;
		table[i + 1] = 6 - sum;
	}
	return table;
})();

/** Writes three approximately standard normal values into out[0..2] from one draw. */
export function noise3(r: Random, out: Float64Array): void {
	const v = r.uniform() * 4294967296;
	out[0] = NORMALS[v & 1023];
	out[1] = NORMALS[(v >>> 10) & 1023];
	out[2] = NORMALS[(v >>> 20) & 1023];
}

/** Drifts change slowly, so they are updated every DRIFT_EVERY steps (and held in between). */
const DRIFT_EVERY = 4;

/** Coefficients of an AR(1) drift with standard deviation `sd` and time constant `steps`, updated every DRIFT_EVERY steps. */
function drift(sd: number, steps: number): [number, number] {
	const a = Math.exp(-DRIFT_EVERY / steps);
	return [a, sd * Math.sqrt(1 - a * a)];
}

export function makeMotion(activity: number, p: PersonProfile, r: Random, fs: number): Motion {
	if (activity === SITTING || activity === STANDING) return stillMotion(activity === SITTING, p, r, fs);
	if (activity === DANCING) return danceMotion(p, r, fs);
	return gaitMotion(activity === RUNNING, p, r, fs);
}

/** Sitting (pelvis tilted back, very still) or standing (upright, swaying); both fidget now and then. */
function stillMotion(sitting: boolean, p: PersonProfile, r: Random, fs: number): Motion {
	const basePitch = (sitting ? -p.sitTilt : 0) * DEG + gauss(r) * 2 * DEG;
	const baseRoll = gauss(r) * 2 * DEG;
	const sway = (sitting ? 0.3 : 1) * p.sway * DEG;
	const [as, ks] = drift(sway, 2 * fs);
	const [aj, kj] = drift(sitting ? 0.004 : 0.008, 0.2 * fs);
	const meanGap = (sitting ? 15 : 30) * fs; // steps between fidgets, on average
	// State between calls: sway pitch, sway roll, jiggle, steps until the next fidget, steps
	// left in this fidget, its size and rate. Kept in a typed array and copied to locals while
	// looping, so no number gets boxed.
	const state = Float64Array.of(sway * gauss(r), sway * gauss(r), 0, r.int(2 * meanGap), 0, 0, 0);
	return (out, count) => {
		const { f, l, u, pitch, roll } = out;
		let [sp, sr, jig, until, fidget, fidgetAmp, fidgetStep] = state;
		for (let i = 0; i < count; i++) {
			if (i % DRIFT_EVERY === 0) {
				sp = as * sp + ks * gauss(r);
				sr = as * sr + ks * gauss(r);
				jig = aj * jig + kj * gauss(r);
			}
			if (--until <= 0) {
				fidget = Math.round(r.range(0.3, 1) * fs);
				fidgetAmp = r.range(0.03, 0.12);
				fidgetStep = (TAU * r.range(2, 5)) / fs;
				until = fidget + r.int(2 * meanGap);
			}
			const bump = fidget > 0 ? fidgetAmp * Math.sin(fidgetStep * fidget--) : 0;
			f[i] = jig + 0.5 * bump;
			l[i] = 0.6 * bump;
			u[i] = 0.8 * bump;
			pitch[i] = basePitch + sp;
			roll[i] = baseRoll + sr;
		}
		state.set([sp, sr, jig, until, fidget, fidgetAmp, fidgetStep]);
	};
}

/** Walking (smooth bounce) or running (sharp footfalls); both sway sideways once per stride. */
function gaitMotion(run: boolean, p: PersonProfile, r: Random, fs: number): Motion {
	const basePitch = (run ? p.runLean : p.walkLean) * DEG + gauss(r) * DEG;
	const baseRoll = gauss(r) * DEG;
	const w0 = (TAU * (run ? p.runFrequency : p.walkFrequency) * (1 + 0.04 * gauss(r))) / fs;
	const a0 = (run ? p.runAmplitude : p.walkAmplitude) * (1 + 0.08 * gauss(r));
	const [af, kf] = drift(0.03, 5 * fs);
	const [aa, ka] = drift(0.1, fs);
	const side = r.range(0, TAU);
	const bob = (run ? 3 : 1.5) * DEG;
	const lurch = (run ? 3 : 2) * DEG;
	const pulseMean = 0.2070019; // mean of exp(4(cos φ − 1)) over a cycle
	// State between calls: step phase, frequency drift, amplitude drift.
	const state = Float64Array.of(r.range(0, TAU), 0.03 * gauss(r), 0.1 * gauss(r));
	return (out, count) => {
		const { f, l, u, pitch, roll } = out;
		let [phase, df, da] = state;
		for (let i = 0; i < count; i++) {
			if (i % DRIFT_EVERY === 0) {
				df = af * df + kf * gauss(r);
				da = aa * da + ka * gauss(r);
			}
			phase += w0 * (1 + df);
			if (phase > 2 * TAU) phase -= 2 * TAU; // keeps sin/cos accurate; half-phase has period 2·TAU
			const a = a0 * (1 + da);
			const c = Math.cos(phase);
			const s = Math.sin(phase);
			const half = Math.sin(phase / 2 + side);
			if (run) {
				u[i] = a * (2.2 * (Math.exp(4 * (c - 1)) - pulseMean) + 0.15 * s);
				f[i] = a * 0.5 * (s * 0.8776 - c * 0.4794); // sin(φ − 0.5)
			} else {
				u[i] = a * (0.8 * c + 0.25 * Math.cos(2 * phase + 0.6));
				f[i] = a * 0.6 * (s * 0.9211 + c * 0.3894 + 0.4 * s * c); // sin(φ+0.4) + 0.2 sin 2φ
			}
			l[i] = a * 0.35 * half;
			pitch[i] = basePitch + bob * s;
			roll[i] = baseRoll + lurch * half;
		}
		state.set([phase, df, da]);
	};
}

interface DanceMove {
	amp: number[];
	mult: number[];
	phase: number[];
	swayPitch: number;
	swayRoll: number;
	bounce: number;
	beats: number;
}

/** Dancing: a new "move" every 2–8 beats, mixing beat multiples, sways and bounces. */
function danceMotion(p: PersonProfile, r: Random, fs: number): Motion {
	const newMove = (): DanceMove => ({
		amp: [0, 1, 2].map(() => p.danceEnergy * r.range(0.1, 0.6)),
		mult: [0, 1, 2].map(() => [0.5, 1, 1, 2][r.int(4)]),
		phase: [0, 1, 2].map(() => r.range(0, TAU)),
		swayPitch: r.range(0, 15) * DEG,
		swayRoll: r.range(0, 20) * DEG,
		bounce: r.uniform() < 0.3 ? p.danceEnergy * r.range(0.4, 1) : 0,
		beats: [2, 4, 4, 8][r.int(4)]
	});
	const fade = Math.round(0.25 * fs);
	let move = newMove();
	let old = move;
	// State between calls: beat phase, beats left in this move, phase step, steps since the move began.
	const state = Float64Array.of(r.range(0, TAU), move.beats, (TAU * p.danceTempo * (1 + 0.05 * gauss(r))) / fs, fade);
	return (out, count) => {
		const { f, l, u, pitch, roll } = out;
		let [beat, beatsLeft, step, sinceChange] = state;
		for (let i = 0; i < count; i++) {
			beat += step;
			if (beat >= 2 * TAU) {
				beat -= 2 * TAU; // wraps every two beats, as sways run at half the beat
				beatsLeft--;
			} else if (beat >= TAU && beat - step < TAU) beatsLeft--;
			if (beatsLeft <= 0) {
				old = move;
				move = newMove();
				beatsLeft = move.beats;
				step = (TAU * p.danceTempo * (1 + 0.08 * gauss(r))) / fs;
				sinceChange = 0;
			}
			const w = sinceChange < fade ? ++sinceChange / fade : 1;
			const pulse = Math.exp(3 * (Math.cos(beat) - 1)) - 0.243; // mean-free bounce
			let sf = 0;
			let sl = 0;
			let su = 0;
			let sp = 0;
			let sr = 0;
			for (let k = 0; k < 2; k++) {
				const mv = k === 0 ? move : old;
				const wt = k === 0 ? w : 1 - w;
				if (wt === 0) continue;
				sf += wt * mv.amp[0] * Math.sin(mv.mult[0] * beat + mv.phase[0]);
				sl += wt * mv.amp[1] * Math.sin(mv.mult[1] * beat + mv.phase[1]);
				su += wt * (mv.amp[2] * Math.sin(mv.mult[2] * beat + mv.phase[2]) + mv.bounce * pulse);
				sp += wt * mv.swayPitch * Math.sin(beat / 2 + mv.phase[0]);
				sr += wt * mv.swayRoll * Math.sin(beat / 2 + mv.phase[1]);
			}
			f[i] = sf;
			l[i] = sl;
			u[i] = su;
			pitch[i] = sp;
			roll[i] = sr;
		}
		state.set([beat, beatsLeft, step, sinceChange]);
	};
}
