/**
 * The activity trainer's settings and words: the quick setting (a small LSTM on one person) or
 * the lecture's (LSTM 100 → dense 5 on six people), a chunk length for truncated BPTT, and the
 * configuration the worker trains (`perStep` on the `activity` task). Every number it shows comes
 * from the worker's session and evaluation; this file only turns them into words.
 */
import { LECTURE_LENGTHS, LECTURE_RATE } from '$lib/activity/constants';
import { ACTIVITIES } from '$lib/engine/data/activity';
import type { Recording } from '$lib/activity/recording';
import { DEFAULT_CONFIG } from '$lib/training/config';
import type { Schema, Values } from '$lib/widgets/params';
import type { ExtraRecording, StepReport, TrainConfig } from '$lib/worker/protocol';

/**
 * `epochs` is what picking the setup sets the epoch field to. `turn` (degrees) rotates each training
 * stream's phone frame at random, anew each epoch (`yaw` about the phone's long axis, `tilt` about
 * the other two): the held-out person's phone sits in the pocket turned a way none of the six did.
 * `schedule` warms the learning rate up and decays it (see activity-plan.ts; no setup needs it on
 * the pocket data, where the validation slice's choice of epoch steadies the end well enough);
 * `validation` is the fraction of each training person held back to choose the epoch whose weights
 * the run keeps; `even` cuts streams of one length, so an epoch does not end on one person alone.
 * scripts/activity-accuracy-study.ts measures the recommended setup across seeds.
 */
interface Setup {
	units: number;
	people: number;
	streams: number;
	lr: number;
	epochs: number;
	turn: { yaw: number; tilt: number } | null;
	schedule: { warmup: number; floor: number } | null;
	validation: number;
	even: boolean;
	label: string;
}

export const SETUPS: Readonly<Record<'quick' | 'recommended' | 'lecture', Readonly<Setup>>> = {
	quick: { units: 16, people: 1, streams: 4, lr: 0.01, epochs: 1, turn: null, schedule: null, validation: 0, even: false, label: 'Quick: LSTM 16, one person' },
	recommended: {
		units: 32,
		people: LECTURE_LENGTHS.length,
		streams: 12,
		lr: 0.005,
		epochs: 12,
		turn: { yaw: 180, tilt: 12 },
		schedule: null,
		validation: 0.15,
		even: true,
		label: 'Recommended: LSTM 32, six people, turned'
	},
	lecture: { units: 100, people: LECTURE_LENGTHS.length, streams: 12, lr: 0.005, epochs: 1, turn: null, schedule: null, validation: 0, even: false, label: 'Lecture: LSTM 100, six people' }
};
export type SetupName = keyof typeof SETUPS;

export const schema = {
	setup: { kind: 'enum', values: ['quick', 'recommended', 'lecture'] as const, default: 'quick', doc: '`quick` (an LSTM of 16 units on one person’s recording, for a first run), `recommended` (LSTM 32 on the six training people, each training stream’s phone frame turned at random about its long axis every epoch, the last 15 % of each training person kept back to choose the best epoch’s weights; picking it in the widget sets its epochs, in a URL add `epochs=` with them, see lesson 13) or `lecture` (LSTM 100 → dense 5 on the six training people, the lecture’s setup).' },
	chunk: { kind: 'int', min: 5, max: 200, default: 50, doc: 'Truncated-BPTT chunk length in steps (50 steps = 1 s at 50 Hz); the state is carried from chunk to chunk, the gradient stops at each chunk’s start.' },
	epochs: { kind: 'number', min: 0.1, max: 20, default: 1, doc: 'Passes over the training recordings before training stops.' },
	seed: { kind: 'int', min: 0, max: 4294967295, default: 1, doc: 'Seed of the initial weights (the data are always the site’s copy of the lecture’s shape).' },
	autostart: { kind: 'bool', default: false, doc: '`1` starts training as soon as the page has loaded.' }
} satisfies Schema;

export type ActivityTrainerValues = Values<typeof schema>;
export const controls = ['settings', 'judging', 'run', 'lopo'] as const;

/** Updates in one epoch: the longest stream's chunks (the streams run side by side). */
export function updatesPerEpoch(longestStream: number, chunk: number): number {
	return Math.ceil(longestStream / chunk);
}

/** The longest stream of a setup: the trained parts (less the validation slices) cut evenly, or each person's into streams/people pieces. */
export function longestStream(setup: SetupName): number {
	const { people, streams, validation, even } = SETUPS[setup];
	const trained = LECTURE_LENGTHS.slice(0, people).map((n) => Math.round(n * (1 - validation)));
	if (even) return Math.ceil(trained.reduce((a, b) => a + b, 0) / streams);
	const per = Math.max(1, Math.round(streams / people));
	return Math.max(...trained.map((n) => Math.ceil(n / per)));
}

export function configOf(values: ActivityTrainerValues, extra: ExtraRecording[] = []): TrainConfig {
	const setup = SETUPS[values.setup];
	const updates = Math.max(1, Math.round(values.epochs * updatesPerEpoch(longestStream(values.setup), values.chunk)));
	return {
		...DEFAULT_CONFIG,
		task: 'activity',
		text: '',
		cell: 'lstm',
		hidden: setup.units,
		optimizer: 'adam',
		lr: setup.lr,
		clip: 5,
		tbptt: values.chunk,
		seed: values.seed,
		steps: Math.min(20_000, updates),
		perStep: {
			people: setup.people,
			streams: setup.streams,
			...(setup.turn ? { augment: { ...setup.turn } } : {}),
			...(setup.schedule ? { schedule: { ...setup.schedule } } : {}),
			...(setup.even ? { even: true } : {}),
			...(setup.validation ? { validation: setup.validation } : {}),
			...(extra.length ? { extra } : {})
		}
	};
}

/** Time steps one update trains on (every stream's chunk), for a speed in steps per second. */
export function stepsPerUpdate(setup: SetupName, chunk: number): number {
	return SETUPS[setup].streams * chunk;
}

/** “1 min 05 s”, “42 s”, or “—” when unknown. */
export function duration(seconds: number | null): string {
	if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
	const s = Math.round(seconds);
	if (s < 60) return `${s} s`;
	const m = Math.floor(s / 60);
	return `${m} min ${String(s % 60).padStart(2, '0')} s`;
}

/** Seconds left at the current speed, or null before the speed is known. */
export function timeLeft(step: number, budget: number, updatesPerSec: number): number | null {
	if (!(updatesPerSec > 0)) return null;
	return Math.max(0, budget - step) / updatesPerSec;
}

/** The sentence comparing accuracy near activity changes with elsewhere. */
/** What the judging is laid out with, folded and hidden, before the first evaluation (nothing judged yet). */
export const EMPTY_REPORT: StepReport = {
	person: '',
	steps: 0,
	classNames: [...ACTIVITIES],
	count: 0,
	accuracy: 0,
	confusion: ACTIVITIES.map(() => ACTIVITIES.map(() => 0)),
	near: { correct: 0, count: 0, accuracy: null },
	elsewhere: { correct: 0, count: 0, accuracy: null },
	timeline: { binSteps: 1, truth: [], predicted: [] }
};

export function nearChangeSentence(report: StepReport, percent: (x: number) => string): string {
	const { near, elsewhere } = report;
	if (near.accuracy === null || elsewhere.accuracy === null) return 'This recording has no activity changes to compare.';
	const relation = near.accuracy < elsewhere.accuracy ? 'lower than' : near.accuracy > elsewhere.accuracy ? 'higher than' : 'the same as';
	return `Near a change of activity (${near.count.toLocaleString('en')} steps) the network is right on ${percent(near.accuracy)} of steps, ${relation} the ${percent(elsewhere.accuracy)} elsewhere.`;
}

/** Timeline runs of equal labels, for drawing bands: [start bin, end bin, label]. */
export function runsOf(labels: readonly number[]): { from: number; to: number; label: number }[] {
	const out: { from: number; to: number; label: number }[] = [];
	for (let i = 0; i < labels.length; i++) {
		const last = out[out.length - 1];
		if (last && last.label === labels[i]) last.to = i + 1;
		else out.push({ from: i, to: i + 1, label: labels[i] });
	}
	return out;
}

/** The recordings the trainer can add: 50 Hz, with at least one labelled step; rounded to 0.1 mg to keep the configuration small. */
export function usableRecordings(recordings: readonly Recording[]): ExtraRecording[] {
	const out: ExtraRecording[] = [];
	for (const r of recordings) {
		if (r.rate !== LECTURE_RATE || !r.labels.some((l) => l >= 0)) continue;
		out.push({ name: r.name, xyz: Array.from(r.xyz, (v) => Math.round(v * 1e4) / 1e4), labels: Array.from(r.labels) });
	}
	return out;
}
