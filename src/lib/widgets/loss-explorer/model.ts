/**
 * The loss explorer's state and what it shows: a character model reading "hello" predicts the
 * next character at each of four steps. The reader sets the probability p_t the model gives to
 * the right character; every loss number (J_t = −log p_t, their sum and mean) is the engine's
 * softmax cross-entropy (`lossBreakdown`), run on logits y_t = ln q_t of that distribution.
 */
import { EngineError, lossBreakdown, type Reduction } from '$lib/engine';
import { charLanguageModel } from '$lib/engine/data';
import type { Schema, Values } from '$lib/widgets/params';

/** The lesson's running example: inputs h, e, l, l; targets e, l, l, o. */
export const TEXT = 'hello';
const task = charLanguageModel(TEXT);
export const CLASSES: readonly string[] = task.vocab.tokens;
const targetIds = task.samples[0].targets as number[];
export const STEPS = targetIds.length;
export const P_MIN = 0.01;
export const P_MAX = 0.99;
export const P_STEP = 0.01;

export const schema = {
	p: {
		kind: 'number-list',
		min: P_MIN,
		max: P_MAX,
		minLength: STEPS,
		maxLength: STEPS,
		default: [0.7, 0.5, 0.9, 0.2],
		doc: `The probability the model gives the right next character at each of the ${STEPS} steps; the rest is shared equally by the other characters.`
	},
	scored: {
		kind: 'int-list',
		min: 0,
		max: 1,
		minLength: STEPS,
		maxLength: STEPS,
		default: [1, 1, 1, 1],
		doc: '1 where a step has a target (adds a term J_t), 0 where it has none (null target, masked).'
	},
	reduction: {
		kind: 'enum',
		values: ['sum', 'mean'] as const,
		default: 'sum',
		doc: 'How the step losses become one number: sum (J = Σ J_t) or mean (divided by the steps with a target).'
	}
} satisfies Schema;

export type LossExplorerValues = Values<typeof schema>;
export const controls = ['p', 'scored', 'reduction'] as const;

export interface ExplorerStep {
	/** 1-based step number. */
	t: number;
	input: string;
	target: string;
	targetIndex: number;
	/** The slider's value: probability of the right character. */
	p: number;
	/** softmax(y_t) from the engine, one per class (its target entry equals p up to rounding). */
	probabilities: number[];
	scored: boolean;
	/** J_t from the engine; null when the step has no target. */
	J: number | null;
}

export type Exploration =
	| { ok: true; steps: ExplorerStep[]; sum: number; mean: number; count: number; loss: number; reduction: Reduction }
	| { ok: false; steps: ExplorerStep[]; message: string };

/** The distribution a step predicts: p on the target, the rest shared by the other classes. */
export function distributionOf(p: number, targetIndex: number, classes = CLASSES.length): number[] {
	return Array.from({ length: classes }, (_, j) => (j === targetIndex ? p : (1 - p) / (classes - 1)));
}

/** Logits whose softmax is the given distribution (ln q; softmax is unchanged by adding a constant). */
export function logitsOf(distribution: readonly number[]): number[] {
	return distribution.map((q) => Math.log(q));
}

export function explore(values: LossExplorerValues): Exploration {
	const outputs = targetIds.map((k, t) => logitsOf(distributionOf(values.p[t], k)));
	const scored = targetIds.map((_, t) => values.scored[t] === 1);
	const base = (probabilities: Float64Array[] | null, J: (number | null)[]) =>
		targetIds.map((k, t) => ({
			t: t + 1,
			input: CLASSES[task.ids[t]],
			target: CLASSES[k],
			targetIndex: k,
			p: values.p[t],
			probabilities: probabilities ? Array.from(probabilities[t]) : distributionOf(values.p[t], k),
			scored: scored[t],
			J: J[t] ?? null
		}));
	try {
		const b = lossBreakdown(
			{ kind: 'softmax-ce', targets: targetIds.map((k, t) => (scored[t] ? k : null)), reduction: values.reduction },
			outputs
		);
		return { ok: true, steps: base(b.probabilities, b.stepLosses), sum: b.sum, mean: b.mean, count: b.count, loss: b.loss, reduction: values.reduction };
	} catch (error) {
		if (!(error instanceof EngineError)) throw error;
		// Softmax alone still gives the distributions to draw.
		const softmaxOnly = lossBreakdown({ kind: 'softmax-ce', targets: targetIds.map(() => 0) }, outputs);
		return { ok: false, steps: base(softmaxOnly.probabilities, []), message: error.message };
	}
}

export interface CurvePoint {
	p: number;
	J: number;
}

/** −log p for p from P_MIN to 1, each point the engine's cross-entropy of a two-class prediction. */
export function lossCurve(points = 100): CurvePoint[] {
	const ps = Array.from({ length: points }, (_, i) => P_MIN + ((1 - P_MIN) * i) / (points - 1));
	// p = 1 would need a logit of −∞ for the other class; a tiny remainder gives −log 1 = 0 to 1e-12.
	const outputs = ps.map((p) => [Math.log(p), Math.log(Math.max(1 - p, 1e-12))]);
	const b = lossBreakdown({ kind: 'softmax-ce', targets: ps.map(() => 0), reduction: 'sum' }, outputs);
	return ps.map((p, i) => ({ p, J: b.stepLosses[i] as number }));
}

/** Slider values without binary noise, inside the allowed range. */
export function tidyP(value: number): number {
	return Math.min(P_MAX, Math.max(P_MIN, Math.round(value * 100) / 100));
}

/** A loss as the lesson writes it: three decimals (−log 0.7 ≈ 0.357). */
export function formatLoss(value: number): string {
	return value.toFixed(3);
}
