/**
 * How each activity moves the body: the movement models behind `activity.ts`.
 *
 * A motion writes, for a block of consecutive steps, the acceleration without gravity in the frame
 * of the thigh that carries the phone (forward, left, up the thigh; in g) and the thigh's posture
 * (pitch: positive tips the hip end forward, so a raised knee is negative; roll left; in radians). Each motion
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

/** Sitting (thigh raised near horizontal, very still) or standing (thigh vertical, swaying); both fidget now and then. */
function stillMotion(sitting: boolean, p: PersonProfile, r: Random, fs: number): Motion {
	const basePitch = (sitting ? -p.sitTilt : 0) * DEG + gauss(r) * (sitting ? 3 : 2) * DEG;
	const baseRoll = gauss(r) * (sitting ? 6 : 2) * DEG; // seated knees fall apart or together
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

const G = 9.80665;

/**
 * Walking (smooth bounce) or running (sharp footfalls). The thigh swings once per stride (every
 * two steps) about a forward mean; the phone, `p.pocket` below the hip, feels the swing's
 * tangential acceleration (−r·θ'' along forward) and its centripetal one (r·θ'² up the thigh).
 * The hip's bounce and surge are vertical and forward in the world, so they are turned into the
 * thigh's frame by its pitch.
 */
function gaitMotion(run: boolean, p: PersonProfile, r: Random, fs: number): Motion {
	const basePitch = -(run ? p.runLean : p.walkLean) * DEG + gauss(r) * 2 * DEG;
	const swing = (run ? p.runSwing : p.walkSwing) * DEG * (1 + 0.08 * gauss(r));
	const baseRoll = gauss(r) * 2 * DEG;
	const w0 = (TAU * (run ? p.runFrequency : p.walkFrequency) * (1 + 0.04 * gauss(r))) / fs;
	const a0 = (run ? p.runAmplitude : p.walkAmplitude) * (1 + 0.08 * gauss(r));
	const [af, kf] = drift(0.03, 5 * fs);
	const [aa, ka] = drift(0.1, fs);
	const side = r.range(0, TAU);
	const [cs, ss] = [Math.cos(side), Math.sin(side)];
	const lurch = (run ? 4 : 3) * DEG;
	const reach = p.pocket / G; // metres → g per (rad/s²)
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
			const w = w0 * (1 + df);
			phase += w;
			if (phase > 2 * TAU) phase -= 2 * TAU; // keeps sin/cos accurate; the stride has period 2·TAU
			const a = a0 * (1 + da);
			// the step's phase φ from the stride's φ/2 by double angles: two trig calls, not four
			const sh = Math.sin(phase / 2);
			const ch = Math.cos(phase / 2);
			const c = 1 - 2 * sh * sh;
			const s = 2 * sh * ch;
			const stride = sh * cs + ch * ss; // sin(φ/2 + side)
			const strideCos = ch * cs - sh * ss;
			let up: number;
			let fwd: number;
			if (run) {
				up = a * (2.2 * (Math.exp(4 * (c - 1)) - pulseMean) + 0.15 * s);
				fwd = a * 0.5 * (s * 0.8776 - c * 0.4794); // sin(φ − 0.5)
			} else {
				up = a * (0.8 * c + 0.25 * (2 * c * c - 1) * 0.8253 - 0.25 * 2 * s * c * 0.5646); // + 0.25 cos(2φ + 0.6)
				fwd = a * 0.6 * (s * 0.9211 + c * 0.3894 + 0.4 * s * c); // sin(φ+0.4) + 0.2 sin 2φ
			}
			const theta = basePitch + swing * stride;
			const omega = 0.5 * w * fs; // the stride's rate in rad/s
			const rate = swing * omega * strideCos; // θ'
			const spin = -swing * omega * omega * stride; // θ''
			const ct = Math.cos(theta);
			const st = Math.sin(theta);
			f[i] = ct * fwd - st * up - reach * spin;
			u[i] = st * fwd + ct * up + reach * rate * rate;
			l[i] = a * 0.35 * stride;
			pitch[i] = theta;
			roll[i] = baseRoll + lurch * stride;
		}
		state.set([phase, df, da]);
	};
}

interface DanceMove {
	amp: number[];
	mult: number[];
	phase: number[];
	lift: number;
	swayPitch: number;
	swayRoll: number;
	bounce: number;
	beats: number;
}

/** Dancing: a new "move" every 2–8 beats, mixing beat multiples, leg swings and lifts, and bounces. */
function danceMotion(p: PersonProfile, r: Random, fs: number): Motion {
	const newMove = (): DanceMove => ({
		amp: [0, 1, 2].map(() => p.danceEnergy * r.range(0.1, 0.6)),
		mult: [0, 1, 2].map(() => [0.5, 1, 1, 2][r.int(4)]),
		phase: [0, 1, 2].map(() => r.range(0, TAU)),
		lift: -r.range(0, 25) * DEG,
		swayPitch: r.range(5, 30) * DEG,
		swayRoll: r.range(0, 15) * DEG,
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
				sp += wt * (mv.lift + mv.swayPitch * Math.sin(beat / 2 + mv.phase[0]));
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
