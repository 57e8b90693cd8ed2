/**
 * The tanh squashing widget's state and what it shows: where tanh puts a pre-activation a, and
 * the slope 1 − tanh²(a) there. Every value comes from the engine's activations.
 */
import { tanh, tanhDerivativeFromOutput } from '$lib/engine/activations';
import type { Schema, Values } from '$lib/widgets/params';

/** The range of a on the chart and slider. */
export const A_MIN = -6;
export const A_MAX = 6;
/** Arrow keys move a by this much; Shift+arrows and Page Up/Down by BIG_STEP. */
export const STEP = 0.05;
export const BIG_STEP = 0.5;
/** Below this slope the unit counts as saturated (its gradient nearly vanishes). */
export const SATURATION_SLOPE = 0.1;
/** How many time steps the “through many steps” line multiplies over. */
export const STEPS_BACK = 10;

export const schema = {
	a: {
		kind: 'number',
		min: A_MIN,
		max: A_MAX,
		default: 1,
		doc: 'The pre-activation a fed to tanh.'
	},
	cell: {
		kind: 'bool',
		default: false,
		doc: '`1` adds a “check it yourself” calculator (mathjs expressions over `a`, `y` = tanh(a) and `slope`, checked against the engine).'
	}
} satisfies Schema;

export type TanhValues = Values<typeof schema>;
export const controls = ['a'] as const;

export interface TanhPoint {
	a: number;
	/** y = tanh(a) */
	y: number;
	/** dy/da = 1 − y² */
	slope: number;
}

/** Clamps to the slider's range and rounds away float noise (0.1 + 0.2), so links stay short. */
export function clampA(a: number): number {
	const clamped = Math.min(A_MAX, Math.max(A_MIN, a));
	return Math.round(clamped * 1e4) / 1e4;
}

export function pointAt(a: number): TanhPoint {
	const y = tanh(a);
	return { a, y, slope: tanhDerivativeFromOutput(y) };
}

/** Evenly spaced points of the curve from A_MIN to A_MAX, for drawing. */
export function curve(samples = 241): TanhPoint[] {
	return Array.from({ length: samples }, (_, i) => pointAt(A_MIN + ((A_MAX - A_MIN) * i) / (samples - 1)));
}

/**
 * The tangent line at a, y − tanh(a) = slope·(x − a), between x = from and x = to: what the
 * chart draws to show the slope.
 */
export function tangent(point: TanhPoint, from: number, to: number): [TanhPoint['a'], number][] {
	return [from, to].map((x) => [x, point.y + point.slope * (x - point.a)] as [number, number]);
}

/**
 * |a| beyond which the slope drops under `threshold`, found on the engine's curve by bisection
 * (slope falls monotonically in |a|): the edges of the shaded “saturated” bands.
 */
export function saturationEdge(threshold = SATURATION_SLOPE): number {
	let low = 0;
	let high = A_MAX;
	for (let i = 0; i < 60; i++) {
		const mid = (low + high) / 2;
		if (pointAt(mid).slope > threshold) low = mid;
		else high = mid;
	}
	return (low + high) / 2;
}

export type Regime = 'linear' | 'bending' | 'saturated';

/** How the unit behaves at this slope, for the sentence under the chart. */
export function regime(slope: number): Regime {
	if (slope >= 0.8) return 'linear';
	if (slope >= SATURATION_SLOPE) return 'bending';
	return 'saturated';
}

/**
 * The factor a gradient picks up passing back through `steps` such units in a row (ignoring the
 * weights): slope^steps. This is how saturation makes gradients vanish.
 */
export function throughSteps(slope: number, steps = STEPS_BACK): number {
	return slope ** steps;
}

/** Rows of the screen-reader data table: a from −6 to 6 in steps of 1, plus the current a. */
export function tableRows(current: number): (TanhPoint & { current: boolean })[] {
	const rows = new Map<number, TanhPoint & { current: boolean }>();
	for (let a = A_MIN; a <= A_MAX; a++) rows.set(a, { ...pointAt(a), current: false });
	rows.set(current, { ...pointAt(current), current: true });
	return [...rows.values()].sort((p, q) => p.a - q.a);
}

/** The names the “check it yourself” cell sees. */
export function cellScope(point: TanhPoint): { a: number; y: number; slope: number } {
	return { a: point.a, y: point.y, slope: point.slope };
}

export const CELL_EXAMPLES = ['tanh(a)', '1 - tanh(a)^2', '(1 - y^2)^10', 'tanh(6) - tanh(5)'];

/**
 * The engine's value for an expression the widget recognises (spaces ignored), so the cell can
 * show it next to the student's result; null for anything else.
 */
export function compareExpression(expression: string, a: number): { label: string; value: number } | null {
	const compact = expression.replace(/\s+/g, '');
	const point = pointAt(a);
	if (['tanh(a)', 'y'].includes(compact)) return { label: 'tanh(a)', value: point.y };
	if (
		['1-tanh(a)^2', '1-tanh(a).^2', '1-tanh(a)*tanh(a)', '1-y^2', '1-y.^2', '1-y*y', 'slope'].includes(compact)
	) {
		return { label: '1 − tanh²(a)', value: point.slope };
	}
	if (['(1-tanh(a)^2)^10', '(1-y^2)^10', 'slope^10'].includes(compact)) {
		return { label: `slope^${STEPS_BACK}`, value: throughSteps(point.slope) };
	}
	return null;
}
