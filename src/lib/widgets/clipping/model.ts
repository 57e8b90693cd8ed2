/**
 * Gradient clipping two ways, on one 2-D gradient g: by value (every entry clamped to
 * [−g_max, g_max], torch's clip_grad_value_) and by norm (the whole vector scaled down to length
 * g_max when it is longer, torch's clip_grad_norm_). Both come from the engine; this module only
 * reads off lengths and directions for the picture and the sentences beside it.
 */
import { clipByValue, clipGradients, globalNorm } from '$lib/engine';
import { fixed, readable, sig } from '$lib/ui/format';
import type { Schema, Values } from '$lib/widgets/params';

/** Largest entry of g and largest threshold. */
export const LIMIT = 100;
export const THRESHOLD_MIN = 0.1;
/** Angles closer than this (degrees) count as the same direction in the sentences. */
export const SAME_DIRECTION = 0.05;

export const schema = {
	g: {
		kind: 'number-list',
		min: -LIMIT,
		max: LIMIT,
		minLength: 2,
		maxLength: 2,
		default: [12, 3],
		doc: 'The gradient g = (g₁, g₂) before clipping, two numbers from −100 to 100.'
	},
	threshold: {
		kind: 'number',
		min: THRESHOLD_MIN,
		max: LIMIT,
		default: 5,
		doc: 'The threshold g_max: by value every entry is kept within ±g_max, by norm the length within g_max.'
	}
} satisfies Schema;

export type ClippingValues = Values<typeof schema>;
export const controls = ['gradient', 'threshold'] as const;

export interface Arrow {
	x: number;
	y: number;
	/** ‖(x, y)‖₂. */
	norm: number;
	/** Direction in degrees, counter-clockwise from the g₁ axis; null for the zero vector. */
	angle: number | null;
}

export interface Clipped {
	given: Arrow;
	byValue: Arrow & { clamped: number };
	byNorm: Arrow & { scale: number };
	/** Angle between g and its clip by value, degrees (0 … 180); null when either is zero. */
	valueTurn: number | null;
	/** The same for the clip by norm (0 up to rounding). */
	normTurn: number | null;
}

function arrow(v: Float64Array): Arrow {
	const norm = globalNorm(v);
	return { x: v[0], y: v[1], norm, angle: norm === 0 ? null : (Math.atan2(v[1], v[0]) * 180) / Math.PI };
}

/** The angle between two vectors in degrees; atan2 of cross and dot, exact near 0° where acos is not. */
export function angleBetween(a: Arrow, b: Arrow): number | null {
	if (a.norm === 0 || b.norm === 0) return null;
	return (Math.atan2(Math.abs(a.x * b.y - a.y * b.x), a.x * b.x + a.y * b.y) * 180) / Math.PI;
}

/** g clipped both ways at threshold g_max, by the engine. */
export function clipBoth(g: readonly number[], threshold: number): Clipped {
	const value = Float64Array.from(g);
	const norm = Float64Array.from(g);
	const { clamped } = clipByValue(value, threshold);
	const { scale } = clipGradients(norm, threshold);
	const given = arrow(Float64Array.from(g));
	const byValue = { ...arrow(value), clamped };
	const byNorm = { ...arrow(norm), scale };
	return { given, byValue, byNorm, valueTurn: angleBetween(given, byValue), normTurn: angleBetween(given, byNorm) };
}

/** What clipping by value did, in a sentence that agrees with the numbers. */
export function valueVerdict(c: Clipped, threshold: number): string {
	const t = readable(threshold);
	if (c.byValue.clamped === 0) return `Nothing clamped: both entries are within ±${t}.`;
	const which = c.byValue.clamped === 2 ? 'Both entries were' : 'One entry was';
	const turn = c.valueTurn ?? 0;
	return turn < SAME_DIRECTION
		? `${which} clamped to ±${t}; the direction happens to stay the same (equal entries).`
		: `${which} clamped to ±${t}: the direction turned by ${fixed(turn, 1)}°.`;
}

/** What clipping by norm did. */
export function normVerdict(c: Clipped, threshold: number): string {
	if (c.byNorm.scale === 1) return `Nothing scaled: the length ${sig(c.given.norm, 3)} is within ${readable(threshold)}.`;
	return `Scaled by ${sig(c.byNorm.scale, 3)} to length ${readable(threshold)}: the direction is kept.`;
}

/** The largest coordinate the picture must show: g, the box and a margin. */
export function extent(g: readonly number[], threshold: number): number {
	return 1.15 * Math.max(Math.abs(g[0]), Math.abs(g[1]), threshold, 1e-9);
}

/** A dragged coordinate: within ±LIMIT, rounded to about three digits of the plotted range. */
export function tidyEntry(v: number, extent: number): number {
	const step = 10 ** (Math.floor(Math.log10(extent)) - 2);
	const clamped = Math.max(-LIMIT, Math.min(LIMIT, v));
	return Number((Math.round(clamped / step) * step).toPrecision(12));
}
