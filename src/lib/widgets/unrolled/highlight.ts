/**
 * Which numbers belong together: pointing at one number (a weight, an entry of x_t, h_t, a_t, y_t)
 * lights up where it comes from and where it is used, in the diagram and in the equation alike.
 *
 * Every drawn number carries a key:
 *   wxh:i:j  whh:i:j  why:k:i  b:i  by:k      weights (0-based row, column)
 *   x:t:j  h:t:i  a:t:i  y:t:k                 values at step t (h:0:i is h_0)
 *   path:wxh  path:whh  path:why               every arrow that applies that matrix
 *   node:x:t  node:h:t  node:y:t               a whole vector in the diagram
 * Weights are shared by every step, so a weight lights its uses at every step: that is the point
 * of the picture.
 */
import type { Sizes } from './model';

export type Focus =
	| { kind: 'wxh' | 'whh' | 'why'; row: number; col: number }
	| { kind: 'b' | 'by'; row: number }
	| { kind: 'x' | 'h' | 'a' | 'y'; t: number; row: number }
	| { kind: 'path'; which: 'wxh' | 'whh' | 'why' };

export function keyOf(focus: Focus): string {
	switch (focus.kind) {
		case 'wxh':
		case 'whh':
		case 'why':
			return `${focus.kind}:${focus.row}:${focus.col}`;
		case 'b':
		case 'by':
			return `${focus.kind}:${focus.row}`;
		case 'path':
			return `path:${focus.which}`;
		default:
			return `${focus.kind}:${focus.t}:${focus.row}`;
	}
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The keys to light for `focus` (including its own key). */
export function related(focus: Focus, sizes: Sizes): Set<string> {
	const { input: I, hidden: H, output: O, steps: T } = sizes;
	const keys = new Set<string>([keyOf(focus)]);
	const add = (...items: string[]) => items.forEach((k) => keys.add(k));
	const steps = range(T).map((s) => s + 1);

	switch (focus.kind) {
		case 'path':
			if (focus.which === 'wxh') for (const i of range(H)) for (const j of range(I)) add(`wxh:${i}:${j}`);
			if (focus.which === 'whh') for (const i of range(H)) for (const j of range(H)) add(`whh:${i}:${j}`);
			if (focus.which === 'why') for (const k of range(O)) for (const i of range(H)) add(`why:${k}:${i}`);
			break;
		case 'wxh':
			add('path:wxh');
			for (const s of steps) add(`x:${s}:${focus.col}`, `a:${s}:${focus.row}`, `h:${s}:${focus.row}`);
			break;
		case 'whh':
			add('path:whh');
			for (const s of steps) add(`h:${s - 1}:${focus.col}`, `a:${s}:${focus.row}`, `h:${s}:${focus.row}`);
			break;
		case 'b':
			for (const s of steps) add(`a:${s}:${focus.row}`, `h:${s}:${focus.row}`);
			break;
		case 'why':
			add('path:why');
			for (const s of steps) add(`h:${s}:${focus.col}`, `y:${s}:${focus.row}`);
			break;
		case 'by':
			for (const s of steps) add(`y:${s}:${focus.row}`);
			break;
		case 'x':
			// x_t[j] is multiplied by column j of W_xh and feeds every entry of a_t.
			add(`node:h:${focus.t}`);
			for (const i of range(H)) add(`wxh:${i}:${focus.row}`, `a:${focus.t}:${i}`);
			break;
		case 'h':
			if (focus.t >= 1) add(`a:${focus.t}:${focus.row}`);
			// h_t[i] is used by column i of W_hh at step t+1 and by column i of W_hy at step t.
			if (focus.t < T) {
				add(`node:h:${focus.t + 1}`);
				for (const i of range(H)) add(`whh:${i}:${focus.row}`, `a:${focus.t + 1}:${i}`);
			}
			if (focus.t >= 1) {
				add(`node:y:${focus.t}`);
				for (const k of range(O)) add(`why:${k}:${focus.row}`);
			}
			break;
		case 'a': {
			const i = focus.row;
			add(`h:${focus.t}:${i}`, `b:${i}`);
			for (const j of range(I)) add(`wxh:${i}:${j}`, `x:${focus.t}:${j}`);
			for (const j of range(H)) add(`whh:${i}:${j}`, `h:${focus.t - 1}:${j}`);
			break;
		}
		case 'y': {
			const k = focus.row;
			add(`by:${k}`);
			for (const i of range(H)) add(`why:${k}:${i}`, `h:${focus.t}:${i}`);
			break;
		}
	}
	return keys;
}
