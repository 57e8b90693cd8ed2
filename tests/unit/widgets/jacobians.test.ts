import { describe, expect, it } from 'vitest';
import { jacobianBetween, jacobianNorms, spectralNorm, spectralRadius } from '$lib/engine';
import { powerSequence } from '$lib/engine/powers';
import { defaults, parseQuery } from '$lib/widgets/params';
import { eigsRadius } from '$lib/widgets/jacobians/eigs';
import {
	analyse,
	cellValue,
	cells,
	clampCell,
	moveCell,
	schema,
	setup,
	slopeStory,
	tidy,
	verdictOf,
	type JacobiansValues
} from '$lib/widgets/jacobians/model';

const base: JacobiansValues = defaults(schema);
const small = { ...base, hidden: 5, steps: 8 };

describe('jacobians widget model', () => {
	it('scales W_hh to the chosen spectral radius: engine and mathjs agree to 1e-9', () => {
		for (const radius of [0.3, 0.9, 1.5, 2]) {
			for (const [hidden, seed] of [[2, 1], [8, 1], [12, 3]]) {
				const values = { ...base, radius, hidden, seed };
				const { network } = setup(values);
				const engine = spectralRadius(network.layers[0].params.Whh, hidden);
				expect(engine).toBeCloseTo(radius, 12);
				const analysis = analyse(values);
				const mathjs = eigsRadius(analysis.whh);
				expect(Math.abs(mathjs.radius - engine), `ρ = ${radius}, H = ${hidden}, seed ${seed}`).toBeLessThan(1e-9);
				// The eigenvalues the widget draws (the engine's QR) are mathjs' too, and the largest |λ| is ρ.
				expect(analysis.eigenvalues).toHaveLength(hidden);
				expect(Math.abs(analysis.eigenvalues[0].abs - engine)).toBeLessThan(1e-9);
				for (const z of mathjs.eigenvalues) {
					expect(Math.min(...analysis.eigenvalues.map((w) => Math.hypot(w.re - z.re, w.im - z.im)))).toBeLessThan(1e-8);
				}
				expect(mathjs.eigenvalues).toHaveLength(hidden);
				for (const z of mathjs.eigenvalues) expect(z.abs).toBeCloseTo(Math.hypot(z.re, z.im), 9);
			}
		}
	}, 60_000);

	it('mathjs finds the eigenvalues of a rotation (a complex pair) exactly', () => {
		const c = 0.8;
		const { eigenvalues, radius } = eigsRadius([
			[0, -c],
			[c, 0]
		]);
		expect(radius).toBeCloseTo(c, 9);
		const sorted = [...eigenvalues].sort((a, b) => a.im - b.im);
		expect(sorted[0].re).toBeCloseTo(0, 9);
		expect(sorted[0].im).toBeCloseTo(-c, 9);
		expect(sorted[1].im).toBeCloseTo(c, 9);
	});

	it('heatmap entries are the spectral norms of the engine’s jacobianBetween', () => {
		const values = { ...small, inputScale: 3, bias: 0.5 };
		const { network, inputs } = setup(values);
		const analysis = analyse(values);
		for (const { t, k } of cells(values.steps)) {
			const J = jacobianBetween(network, inputs, t, k);
			expect(cellValue(analysis, 'tanh', t, k)).toBeCloseTo(spectralNorm(J, values.hidden, values.hidden), 12);
		}
	});

	it('without tanh, a cell is ‖W_hh^(t−k)‖, which the tanh map equals when the units are linear', () => {
		// No input and no bias: h stays 0, every slope 1 − h² is 1, and tanh acts as the identity.
		const values = { ...small, inputScale: 0, bias: 0, radius: 1.3 };
		const analysis = analyse(values);
		expect(analysis.meanSlope).toBe(1);
		for (const { t, k } of cells(values.steps)) {
			expect(cellValue(analysis, 'tanh', t, k)).toBeCloseTo(cellValue(analysis, 'linear', t, k), 10);
		}
	});

	it('the decay line is the last row, i.e. the engine’s jacobianNorms, and ρʲ comes from powerSequence', () => {
		const { network, inputs } = setup(small);
		const analysis = analyse(small);
		const norms = jacobianNorms(network, inputs).h;
		for (let j = 1; j <= small.steps; j++) expect(analysis.decayTanh[j - 1]).toBeCloseTo(norms[small.steps - j], 12);
		expect(analysis.radiusPowers).toEqual(powerSequence(small.radius, small.steps));
	});

	it('fades for ρ < 1, grows without tanh for ρ > 1, and saturation shrinks it at fixed ρ', () => {
		const corner = (values: JacobiansValues, view: 'tanh' | 'linear') => cellValue(analyse(values), view, values.steps, 0);
		expect(corner({ ...base, radius: 0.5 }, 'tanh')).toBeLessThan(corner({ ...base, radius: 0.9 }, 'tanh'));
		expect(corner({ ...base, radius: 0.5 }, 'tanh')).toBeLessThan(1e-3);
		expect(corner({ ...base, radius: 1.5 }, 'linear')).toBeGreaterThan(100);
		const calm = analyse({ ...base, radius: 1 });
		const saturated = analyse({ ...base, radius: 1, inputScale: 4 });
		expect(saturated.meanSlope).toBeLessThan(calm.meanSlope);
		expect(saturated.engineRadius).toBeCloseTo(calm.engineRadius, 12);
		expect(saturated.decayTanh[base.steps - 1]).toBeLessThan(calm.decayTanh[base.steps - 1] / 10);
		// The linear product does not see the inputs at all.
		expect(Array.from(saturated.linear)).toEqual(Array.from(calm.linear));
	});

	it('refuses bad URL values with a message and keeps the defaults', () => {
		for (const query of ['radius=0', 'radius=3', 'radius=abc', 'hidden=1', 'hidden=13', 'steps=41', 'bias=-4', 'inputScale=-1', 'view=relu', 'seed=-1']) {
			const parsed = parseQuery(schema, query);
			expect(parsed.issues, query).toHaveLength(1);
			expect(parsed.values).toEqual(base);
		}
		expect(parseQuery(schema, 'radius=3').issues[0].message).toContain('a number from 0.1 to 2');
		expect(() => cellValue(analyse(small), 'tanh', 3, 3)).toThrow(RangeError);
		expect(() => eigsRadius([[1, 2]])).toThrow(RangeError);
	});

	it('moves the selected cell with the keys and keeps it in the triangle', () => {
		expect(moveCell({ t: 5, k: 0 }, 'ArrowRight', 8)).toEqual({ t: 5, k: 1 });
		expect(moveCell({ t: 5, k: 4 }, 'ArrowRight', 8)).toBeNull();
		expect(moveCell({ t: 5, k: 4 }, 'ArrowUp', 8)).toBeNull();
		expect(moveCell({ t: 8, k: 2 }, 'ArrowDown', 8)).toBeNull();
		expect(moveCell({ t: 5, k: 2 }, 'End', 8)).toEqual({ t: 5, k: 4 });
		expect(clampCell({ t: 20, k: 19 }, 8)).toEqual({ t: 8, k: 7 });
		expect(cells(4)).toHaveLength(10);
		expect(tidy(0.1 + 0.2)).toBe(0.3);
	});

	it('shows ‖W_hh‖₂ beside ρ: never below it, and ‖W_hh‖₂ · max slope bounds every step', () => {
		for (const radius of [0.5, 0.9, 1.5]) {
			const a = analyse({ ...small, radius });
			const { network } = setup({ ...small, radius });
			expect(a.normWhh).toBeCloseTo(spectralNorm(network.layers[0].params.Whh, 5, 5), 12);
			expect(a.normWhh).toBeGreaterThanOrEqual(a.engineRadius - 1e-9);
			expect(a.slopeBound).toBeCloseTo(a.normWhh * a.maxSlope, 12);
			// Each one-step Jacobian has norm at most the bound, so a j-step product at most bound^j.
			for (let t = 1; t <= a.steps; t++) expect(cellValue(a, 'tanh', t, t - 1)).toBeLessThanOrEqual(a.slopeBound * (1 + 1e-9));
		}
	});

	it('judges vanish / explode from the product it draws, not from ρ: ρ = 1.5 with bias 2 vanishes with tanh', () => {
		const flat = analyse({ ...base, radius: 1.5, bias: 2 });
		expect(verdictOf(flat, 'linear').verdict).toBe('explode');
		expect(verdictOf(flat, 'tanh').verdict).toBe('vanish');
		expect(verdictOf(flat, 'tanh').corner).toBe(cellValue(flat, 'tanh', base.steps, 0));
		const fade = analyse(base);
		expect(verdictOf(fade, 'tanh').verdict).toBe('vanish');
	});

	it('names saturation only when units are saturated: input scale 4 at ρ = 1 has slopes below 1 and none saturated', () => {
		const edge = analyse({ ...base, radius: 1, inputScale: 4 });
		expect(edge.saturatedShare).toBe(0);
		expect(slopeStory(edge)).toBe('below-one');
		const flat = analyse({ ...base, radius: 1, bias: 2 });
		expect(slopeStory(flat)).toBe('saturated');
	});
});

