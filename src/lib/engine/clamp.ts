/**
 * Gate clamps: an LSTM gate fixed to one value for every unit, in the forward and the backward
 * pass, so a lesson can switch a gate off (or hold it open) and watch what the cell does without it.
 *
 * A clamped gate is a constant: its value replaces σ(z) (or tanh(z) for the candidate g) at every
 * step, and its derivative with respect to its pre-activation is 0, so no gradient reaches its
 * weights. Everything else stays exact. With f clamped to 1 and i to 0, c_t = c_{t−1} and
 * ∂c_t/∂c_{t−1} = 1: Hochreiter and Schmidhuber's constant error carousel.
 */

import { EngineError } from './errors';

export type LstmGate = 'i' | 'f' | 'g' | 'o';
export const LSTM_GATES: readonly LstmGate[] = ['i', 'f', 'g', 'o'];

/** The gates to clamp and their values; a gate left out is computed as usual. */
export type GateClamp = Partial<Record<LstmGate, number>>;

/** The range a gate's nonlinearity can reach: σ gives [0, 1], tanh [−1, 1]. */
export function gateRange(gate: LstmGate): [number, number] {
	return gate === 'g' ? [-1, 1] : [0, 1];
}

/**
 * Checks a clamp for a layer of `cell` and returns a frozen copy (null for none). Only LSTM layers
 * take clamps; values must lie in the range the gate's own nonlinearity can produce.
 */
export function checkClamp(cell: string, clamp: unknown, where: string): Readonly<GateClamp> | null {
	if (clamp === undefined || clamp === null) return null;
	if (typeof clamp !== 'object' || Array.isArray(clamp)) {
		throw new EngineError('invalid-argument', `${where}: a clamp is an object such as { f: 1, i: 0 }.`);
	}
	const entries = Object.entries(clamp as Record<string, unknown>).filter(([, v]) => v !== undefined);
	if (entries.length === 0) return null;
	if (cell !== 'lstm') {
		throw new EngineError('invalid-argument', `${where}: only LSTM layers have gates to clamp; this one is ${cell}.`);
	}
	const out: GateClamp = {};
	for (const [gate, value] of entries) {
		if (!LSTM_GATES.includes(gate as LstmGate)) {
			throw new EngineError('invalid-argument', `${where}: "${gate}" is not an LSTM gate; clamp i, f, g or o.`, { gate });
		}
		const [lo, hi] = gateRange(gate as LstmGate);
		if (typeof value !== 'number' || !Number.isFinite(value) || value < lo || value > hi) {
			throw new EngineError(
				'invalid-argument',
				`${where}: gate ${gate} can only be clamped to a number from ${lo} to ${hi} (what its ${gate === 'g' ? 'tanh' : 'sigmoid'} can give), not ${String(value)}.`,
				{ gate, value }
			);
		}
		out[gate as LstmGate] = value;
	}
	return Object.freeze(out);
}
