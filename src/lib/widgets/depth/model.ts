/**
 * Depth compared: one, two and three stacked layers of the same cell and width trained on the
 * echo task (five digits in, answer the second) with the same data, seed, optimiser and step
 * budget, by the lab's worker code. Nothing here trains: it builds the three configurations,
 * counts their parameters (engine `countParameters`); how much gradient each layer receives on
 * held-out sequences is measured by the worker (`$lib/training/layer-gradients`).
 */
import { countParameters } from '$lib/engine/count';
import type { LayerGradientReport } from '$lib/engine/layer-gradients';
import type { Schema, Values } from '$lib/widgets/params';
import { sharedSeed } from '$lib/widgets/three-runs';
import type { TrainConfig } from '$lib/worker/protocol';
import { LAB_LIMITS, adamRun } from '$lib/training/config';

export const DEPTHS = [1, 2, 3] as const;
export type Depth = (typeof DEPTHS)[number];

export const schema = {
	cell: { kind: 'enum', values: ['rnn', 'lstm', 'gru'] as const, default: 'lstm', doc: 'The cell of every layer.' },
	hidden: { kind: 'int', min: 2, max: 64, default: 16, doc: 'Units of every layer.' },
	steps: { kind: 'int', min: 100, max: 10_000, default: 3000, doc: 'The step budget of each run (one step = one training sequence).' },
	seed: sharedSeed(1),
	lr: { kind: 'number', min: LAB_LIMITS.lr.min, max: 1, default: 0.01, doc: 'Adam learning rate of all three runs.' },
	autostart: { kind: 'bool', default: false, doc: '`1` starts the three runs as soon as the page has loaded (also with `locked=1`).' }
} satisfies Schema;

export type DepthValues = Values<typeof schema>;
export const controls = ['settings'] as const;

export interface RunSpec {
	id: string;
	layers: Depth;
	label: string;
	colour: string;
	config: TrainConfig;
}

const COLOURS: Record<Depth, string> = { 1: '--c-blue', 2: '--c-orange', 3: '--c-purple' };

/** The three runs: same task, seed, width, optimiser, clipping and budget; only the depth differs. */
export function runsOf(values: DepthValues): RunSpec[] {
	return DEPTHS.map((layers) => ({
		id: `d${layers}`,
		layers,
		label: `${layers} layer${layers === 1 ? '' : 's'}`,
		colour: COLOURS[layers],
		config: adamRun(values, { task: 'echo', layers })
	}));
}

/** The echo task's sizes: ten digits one-hot in, ten classes out. */
const ECHO_SIZE = 10;

/** Trainable numbers of a run's network (the engine's own layout, as the worker builds it). */
export function parametersOf(values: DepthValues, layers: number): number {
	return countParameters({
		cell: values.cell,
		inputSize: ECHO_SIZE,
		hiddenSizes: Array.from({ length: layers }, () => values.hidden),
		headSize: ECHO_SIZE,
		convention: 'engine'
	}).total;
}

// The lesson and the tests measure as the worker does.
export { GRADIENT_BATCH, gradientsOf } from '$lib/training/layer-gradients';

/** Mean of the last tenth of a loss history: one step's loss is too noisy to compare runs by. */
export function finalLoss(losses: readonly number[]): number | null {
	if (losses.length === 0) return null;
	const tail = losses.slice(-Math.max(1, Math.ceil(losses.length / 10)));
	return tail.reduce((a, b) => a + b, 0) / tail.length;
}

/** First layer's gradient per parameter as a fraction of the top recurrent layer's. */
export function firstToTop(report: LayerGradientReport): number | null {
	const recurrent = report.parts.filter((p) => p.name !== 'Head');
	if (recurrent.length < 2) return null;
	return recurrent[0].rms / recurrent[recurrent.length - 1].rms;
}

