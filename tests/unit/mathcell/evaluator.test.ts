import { describe, expect, it } from 'vitest';
import { DISABLED_FUNCTIONS, evaluateExpression, toPlain } from '$lib/mathcell/evaluator';
import { MAX_EXPRESSION_LENGTH, MAX_RESULT_ENTRIES, type CellOutcome, type CellScope } from '$lib/mathcell/protocol';

// A 4-unit RNN step with 1 input, as lesson 2 would pass it.
const scope: CellScope = {
	Whh: [
		[0.5, -0.2, 0, 0.1],
		[0.3, 0.4, -0.1, 0],
		[0, 0.2, 0.6, -0.3],
		[-0.1, 0, 0.2, 0.5]
	],
	Wxh: [[0.7], [-0.4], [0.2], [0.9]],
	b: [0.1, 0, -0.1, 0.05],
	h1: [0.2, -0.5, 0.3, 0.1],
	x2: [1.5],
	h3: [1, 2, 3],
	a: 1.5
};

function value(outcome: CellOutcome) {
	if (!outcome.ok) throw new Error(`expected a value, got ${outcome.kind}: ${outcome.message}`);
	return outcome.value;
}
function failure(outcome: CellOutcome) {
	if (outcome.ok) throw new Error(`expected an error, got ${JSON.stringify(outcome.value)}`);
	return outcome;
}

/** The RNN step written out by hand, independently of mathjs. */
function step(): number[] {
	const W = scope.Whh as number[][];
	const U = scope.Wxh as number[][];
	const h = scope.h1 as number[];
	const x = scope.x2 as number[];
	const b = scope.b as number[];
	return W.map((row, i) => row.reduce((s, w, j) => s + w * h[j], 0) + U[i][0] * x[0] + b[i]);
}

describe('MathCell evaluator: results', () => {
	it('computes Whh * h1 + Wxh * x2 + b as a vector', () => {
		const result = value(evaluateExpression('Whh * h1 + Wxh * x2 + b', scope));
		expect(result.kind).toBe('vector');
		const expected = step();
		(result as { value: number[] }).value.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 14));
	});

	it('applies tanh, exp and sigmoid entry by entry', () => {
		const z = step();
		const t = value(evaluateExpression('tanh(Whh * h1 + Wxh * x2 + b)', scope)) as { kind: string; value: number[] };
		expect(t.kind).toBe('vector');
		t.value.forEach((v, i) => expect(v).toBeCloseTo(Math.tanh(z[i]), 14));
		const s = value(evaluateExpression('1 ./ (1 + exp(-h1))', scope)) as { value: number[] };
		const s2 = value(evaluateExpression('sigmoid(h1)', scope)) as { value: number[] };
		s.value.forEach((v, i) => {
			expect(v).toBeCloseTo(1 / (1 + Math.exp(-(scope.h1 as number[])[i])), 14);
			expect(s2.value[i]).toBeCloseTo(v, 14);
		});
	});

	it('gives numbers, matrices and shapes', () => {
		expect(value(evaluateExpression('tanh(a)', scope))).toEqual({ kind: 'number', value: Math.tanh(1.5) });
		expect(value(evaluateExpression('1 - tanh(a)^2', scope))).toEqual({ kind: 'number', value: 1 - Math.tanh(1.5) ** 2 });
		expect(value(evaluateExpression('size(Whh)', scope))).toEqual({ kind: 'vector', value: [4, 4] });
		const frob = Math.sqrt((scope.Whh as number[][]).flat().reduce((s, w) => s + w * w, 0));
		expect((value(evaluateExpression('norm(Whh, "fro")', scope)) as { value: number }).value).toBeCloseTo(frob, 14);
		// The spectral norm ‖M‖₂ of [[1, 2], [0, 1]] is 1 + √2 (mathjs' default for matrices).
		expect((value(evaluateExpression('norm(M)', { M: [[1, 2], [0, 1]] })) as { value: number }).value).toBeCloseTo(1 + Math.SQRT2, 12);
		expect((value(evaluateExpression('norm(h3)', scope)) as { value: number }).value).toBeCloseTo(Math.sqrt(14), 14);
		expect(value(evaluateExpression("Wxh'", scope))).toEqual({ kind: 'matrix', value: [[0.7, -0.4, 0.2, 0.9]] });
		expect(value(evaluateExpression('max(abs(Whh))', scope))).toEqual({ kind: 'number', value: 0.6 });
		expect(value(evaluateExpression('h3 .* h3', scope))).toEqual({ kind: 'vector', value: [1, 4, 9] });
		expect(value(evaluateExpression('sum(h3)', scope))).toEqual({ kind: 'number', value: 6 });
	});

	it('counts positions from 1, as mathjs expressions do, and supports ranges', () => {
		expect(value(evaluateExpression('h3[1]', scope))).toEqual({ kind: 'number', value: 1 });
		expect(value(evaluateExpression('1:3', scope))).toEqual({ kind: 'vector', value: [1, 2, 3] });
		expect(value(evaluateExpression('Whh[2, :]', scope))).toEqual({ kind: 'vector', value: [0.3, 0.4, -0.1, 0] });
	});

	it('runs several statements and shows the last; assignments do not leak into the next evaluation', () => {
		expect(value(evaluateExpression('z = Whh * h1; tanh(z)', scope)).kind).toBe('vector');
		expect(failure(evaluateExpression('z', scope)).message).toContain('“z” is not defined');
		expect(value(evaluateExpression('f(x) = 2x; f(a)', scope))).toEqual({ kind: 'number', value: 3 });
		expect(value(evaluateExpression('f(x) = 2x', scope))).toEqual({ kind: 'function', value: 'f(x)' });
		expect(value(evaluateExpression('z = 1;', scope))).toEqual({ kind: 'none' });
	});

	it('never changes the scope it was given', () => {
		const before = JSON.stringify(scope);
		evaluateExpression('h3[1] = 100; Whh[1,1] = 7; a = 0', scope);
		expect(JSON.stringify(scope)).toBe(before);
	});
});

describe('MathCell evaluator: errors in words', () => {
	it('names both sides of a product whose shapes do not fit', () => {
		expect(failure(evaluateExpression('Whh * h3', scope)).message).toBe(
			'Dimension mismatch: Whh is 4×4 but h3 has 3 entries. For Whh * h3, the number of columns of Whh (4) must equal the length of h3 (3).'
		);
	});

	it('explains element-wise shape mismatches, matrix powers, unknown names and bad syntax', () => {
		expect(failure(evaluateExpression('h1 + h3', scope)).message).toMatch(/same shape.*h1 has 4 entries, h3 has 3 entries/);
		expect(failure(evaluateExpression('h1^2', scope)).message).toContain('.^');
		expect(failure(evaluateExpression('W * h1', scope)).message).toContain('“W” is not defined here. The names you can use are Whh, Wxh');
		expect(failure(evaluateExpression('softplus(a)', scope)).message).toContain('There is no function “softplus”');
		const syntax = failure(evaluateExpression('tanh(a', scope));
		expect(syntax.kind).toBe('syntax');
		expect(failure(evaluateExpression('1 +', scope)).message).toContain('ends too early');
		expect(failure(evaluateExpression('h3[4]', scope)).message).toContain('Positions count from 1');
	});

	it('stops endless recursion with a message', () => {
		expect(failure(evaluateExpression('f(x) = f(x); f(1)', scope)).message).toContain('kept calling itself');
	});
});

describe('MathCell evaluator: safety', () => {
	it.each([...DISABLED_FUNCTIONS])('%s() is disabled with a clear message', (name) => {
		const outcome = failure(evaluateExpression(`${name}("1")`, scope));
		expect(outcome.kind).toBe('disabled');
		expect(outcome.message).toBe(`${name}() is switched off in this calculator, so that it cannot change the calculator itself.`);
	});

	it('import({}, {}), createUnit("foo") and evaluate("1") are refused, and the calculator still works', () => {
		for (const expression of ['import({}, {})', 'createUnit("foo")', 'evaluate("1")', 'config({matrix: "Array"})']) {
			expect(failure(evaluateExpression(expression, scope)).kind).toBe('disabled');
		}
		expect(value(evaluateExpression('zeros(2, 2)', scope))).toEqual({ kind: 'matrix', value: [[0, 0], [0, 0]] });
		// mathjs never exposes chain to expressions at all.
		expect(failure(evaluateExpression('chain(1)', scope)).message).toContain('There is no function “chain”');
	});

	it('knows no units: an undefined W or h is an unknown name, not watts or hours', () => {
		expect(failure(evaluateExpression('W * h1', scope)).message).toContain('“W” is not defined here');
		expect(failure(evaluateExpression('h + 1', scope)).message).toContain('“h” is not defined here');
	});

	it('refuses expressions longer than the cap, before parsing them', () => {
		const long = `a + ${'1 + '.repeat(100)}1`;
		expect(long.length).toBeGreaterThan(MAX_EXPRESSION_LENGTH);
		const outcome = failure(evaluateExpression(long, scope));
		expect(outcome.kind).toBe('length');
		expect(outcome.message).toContain(`at most ${MAX_EXPRESSION_LENGTH}`);
		expect(value(evaluateExpression('a' + ' '.repeat(MAX_EXPRESSION_LENGTH - 1), scope)).kind).toBe('number');
	});

	it('refuses to build huge matrices before allocating them', () => {
		for (const expression of ['zeros(3000, 3000)', 'ones(1000, 1000)', 'identity(400)', 'range(1, 1e9)', '1:1e9', 'diag(ones(400))', 'zeros([3000, 3000])']) {
			const outcome = failure(evaluateExpression(expression, scope));
			expect(outcome.kind, expression).toBe('size');
			expect(outcome.message).toContain(`at most ${MAX_RESULT_ENTRIES.toLocaleString('en-US')}`);
		}
		expect(failure(evaluateExpression('zeros(3000, 3000)', scope)).message).toContain('9,000,000 entries');
		expect(value(evaluateExpression('size(ones(300, 300))', scope))).toEqual({ kind: 'vector', value: [300, 300] });
	});

	it('refuses results with more than the cap of entries', () => {
		const big = Array.from({ length: 400 }, () => new Array(400).fill(0));
		expect(() => toPlain(big)).toThrow(/160,000 entries; the cell allows at most 100,000/);
		expect(() => toPlain(new Array(MAX_RESULT_ENTRIES + 1).fill(1))).toThrow(/at most 100,000/);
		// A result built from allowed pieces can still be too large: refused, not posted.
		const outer = failure(evaluateExpression('ones(400, 1) * ones(1, 400)', scope));
		expect(outer.kind).toBe('size');
	});

	it('works with ordinary numbers only: no BigNumber or Fraction', () => {
		expect(failure(evaluateExpression('bignumber(1)', scope)).message).toContain('BigNumber numbers are not available here');
		expect(failure(evaluateExpression('fraction(1, 3)', scope)).message).toContain('Fraction numbers are not available here');
		expect(value(evaluateExpression('1/3', scope))).toEqual({ kind: 'number', value: 1 / 3 });
	});

	it('shows complex results as complex numbers, and says how to read a complex matrix', () => {
		expect(value(evaluateExpression('sqrt(-1)', scope))).toEqual({ kind: 'complex', value: { re: 0, im: 1 } });
		expect(value(evaluateExpression('sqrt([-4, 9])', scope))).toEqual({
			kind: 'complex-vector',
			value: [{ re: 0, im: 2 }, { re: 3, im: 0 }]
		});
		expect(failure(evaluateExpression('sqrt([[-1, 1], [1, 1]])', scope)).message).toContain('re(…) and im(…)');
		expect(value(evaluateExpression('h3 > 1', scope))).toEqual({ kind: 'vector', value: [0, 1, 1] });
	});
});

describe('eigenvalues, norms and determinants', () => {
	const theta = 0.5;
	const rotation = { R: [[Math.cos(theta), -Math.sin(theta)], [Math.sin(theta), Math.cos(theta)]], ...scope };
	const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-12);

	it('eigs of a rotation is the complex pair cos θ ± i sin θ, with a note on radius and eigenvectors', () => {
		const outcome = evaluateExpression('eigs(R)', rotation);
		const shown = value(outcome);
		if (shown.kind !== 'complex-vector') throw new Error(`expected complex eigenvalues, got ${shown.kind}`);
		const sorted = [...shown.value].sort((p, q) => q.im - p.im);
		close(sorted[0].re, Math.cos(theta));
		close(sorted[0].im, Math.sin(theta));
		close(sorted[1].re, Math.cos(theta));
		close(sorted[1].im, -Math.sin(theta));
		expect(outcome.ok && outcome.note).toContain('max(abs(eigs(R).values))');
		expect(outcome.ok && outcome.note).toContain('eigs(R).eigenvectors');
		expect(value(evaluateExpression('max(abs(eigs(R).values))', rotation))).toMatchObject({ kind: 'number' });
		close((value(evaluateExpression('max(abs(eigs(R).values))', rotation)) as { value: number }).value, 1);
	});

	it('eigs(Whh): the eigenvalues add up to the trace and multiply to the determinant', () => {
		const shown = value(evaluateExpression('eigs(Whh)', scope));
		const lambdas = shown.kind === 'vector' ? shown.value.map((re) => ({ re, im: 0 })) : shown.kind === 'complex-vector' ? shown.value : [];
		expect(lambdas).toHaveLength(4);
		const W = scope.Whh as number[][];
		const sum = lambdas.reduce((s, z) => ({ re: s.re + z.re, im: s.im + z.im }), { re: 0, im: 0 });
		const product = lambdas.reduce((p, z) => ({ re: p.re * z.re - p.im * z.im, im: p.re * z.im + p.im * z.re }), { re: 1, im: 0 });
		close(sum.re, W[0][0] + W[1][1] + W[2][2] + W[3][3]);
		close(sum.im, 0);
		const det = value(evaluateExpression('det(Whh)', scope));
		if (det.kind !== 'number') throw new Error('det is a number');
		close(product.re, det.value);
		close(product.im, 0);
	});

	it('det of a 3×3 matrix matches the cofactor expansion', () => {
		const M = [[2, -1, 0.5], [1, 3, -2], [0.5, 4, 1]];
		const byHand =
			M[0][0] * (M[1][1] * M[2][2] - M[1][2] * M[2][1]) -
			M[0][1] * (M[1][0] * M[2][2] - M[1][2] * M[2][0]) +
			M[0][2] * (M[1][0] * M[2][1] - M[1][1] * M[2][0]);
		const shown = value(evaluateExpression('det(M)', { M }));
		if (shown.kind !== 'number') throw new Error('det is a number');
		close(shown.value, byHand);
	});

	it('norm(W) and norm(W, 2) are the spectral norm; 1, ∞ and Frobenius norms are named too', () => {
		const W = [[0.5, 0.2], [0.1, 0.3]];
		// The largest singular value: the square root of the largest eigenvalue of WᵀW (2×2, by hand).
		const a = W[0][0] ** 2 + W[1][0] ** 2;
		const d = W[0][1] ** 2 + W[1][1] ** 2;
		const b = W[0][0] * W[0][1] + W[1][0] * W[1][1];
		const spectral = Math.sqrt((a + d) / 2 + Math.sqrt(((a - d) / 2) ** 2 + b * b));
		for (const expression of ['norm(W)', 'norm(W, 2)']) {
			const outcome = evaluateExpression(expression, { W });
			close((value(outcome) as { value: number }).value, spectral);
			expect(outcome.ok && outcome.note).toContain('largest singular value');
		}
		const fro = evaluateExpression('norm(W, "fro")', { W });
		close((value(fro) as { value: number }).value, Math.sqrt(0.25 + 0.04 + 0.01 + 0.09));
		expect(fro.ok && fro.note).toContain('Frobenius');
		const one = evaluateExpression('norm(W, 1)', { W });
		close((value(one) as { value: number }).value, 0.6);
		expect(one.ok && one.note).toContain('column sum');
		const inf = evaluateExpression('norm(W, "inf")', { W });
		close((value(inf) as { value: number }).value, 0.7);
		expect(inf.ok && inf.note).toContain('row sum');
		expect(evaluateExpression('W * 2', { W })).not.toHaveProperty('note');
	});

	it('eigenvectors: a pair at a time, and a sentence for the whole list', () => {
		const vector = value(evaluateExpression('eigs(R).eigenvectors[1].vector', rotation));
		expect(vector.kind).toBe('complex-vector');
		expect(failure(evaluateExpression('eigs(R).eigenvectors', rotation)).message).toContain('eigenvectors[1].vector');
	});
});
