import { describe, expect, it } from 'vitest';
import { currentStep, schema, simulate, stepOf, toNetwork, type GruCellValues } from '$lib/widgets/gru-cell/model';
import { defaults, parseQuery, serializeQuery } from '$lib/widgets/params';

const base = defaults(schema) as GruCellValues;
const at = (values: GruCellValues, t: number) => stepOf(simulate(values).trace, values, t);

describe('gru-cell model', () => {
	it('puts every URL list into the engine’s named parameters, in both variants', () => {
		const after = toNetwork(base).layers[0];
		expect(Array.from(after.params.Whn)).toEqual(base.whn);
		expect(Array.from(after.params.bxn)).toEqual(base.bn);
		expect(Array.from(after.params.bhn)).toEqual(base.bhn);
		const before = toNetwork(base, 'reset-before').layers[0];
		expect(Array.from(before.params.bn)).toEqual(base.bn);
		expect(before.params.bhn).toBeUndefined();
		expect(Array.from(before.h0)).toEqual(base.h0);
	});

	it('h_t = (1 − z) ⊙ n + z ⊙ h_{t−1} at every step', () => {
		for (let t = 1; t <= base.x.length; t++) {
			const s = at(base, t);
			for (let j = 0; j < 2; j++) expect(s.h[j]).toBeCloseTo((1 - s.z[j]) * s.n[j] + s.z[j] * s.hPrev[j], 14);
		}
	});

	it('an update gate held open (b_z = 10) keeps the state: h_t ≈ h_{t−1}', () => {
		const s = at({ ...base, bz: [10, 10] }, 3);
		expect(Math.min(...s.z)).toBeGreaterThan(0.99);
		for (let j = 0; j < 2; j++) expect(Math.abs(s.h[j] - s.hPrev[j])).toBeLessThan(1e-3);
	});

	it('the variants differ where the reset gate acts: b_hn matters only after, and only through r', () => {
		const before = { ...base, variant: 'reset-before' as const };
		expect(at({ ...before, bhn: [5, -5] }, 2).h).toEqual(at(before, 2).h);
		expect(at({ ...base, bhn: [5, -5] }, 2).h).not.toEqual(at(base, 2).h);
		// With the reset gate shut (b_r = −30) both variants drop the whole recurrent candidate term.
		const shut = { ...base, br: [-30, -30], bhn: [0, 0] };
		const a = at(shut, 2).n;
		const b = at({ ...shut, variant: 'reset-before' as const }, 2).n;
		for (let j = 0; j < 2; j++) expect(a[j]).toBeCloseTo(b[j], 10);
		// With the defaults the two variants give different candidates.
		const sim = simulate(base);
		expect(sim.other.variant).toBe('reset-before');
		expect(stepOf(sim.other.trace, base, 1).n).not.toEqual(at(base, 1).n);
	});

	it('the URL round-trips, and a step beyond the inputs shows the last one', () => {
		const query = serializeQuery(schema, base).toString();
		expect(parseQuery(schema, query).values).toEqual(base);
		const parsed = parseQuery(schema, 'x=1,2&step=6&variant=before&whr=1,2,3');
		expect(currentStep(parsed.values)).toBe(2);
		expect(parsed.issues.map((i) => i.param)).toEqual(['variant', 'whr']);
	});
});
