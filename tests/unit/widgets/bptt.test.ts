import { describe, expect, it } from 'vitest';
import { finiteDifference, gradientChain, lossAtStep, relativeDifference, termFiniteDifferences, truncatedGradient } from '$lib/engine';
import { defaults, parseQuery, serializeQuery } from '$lib/widgets/params';
import * as unrolled from '$lib/widgets/unrolled/model';
import {
	analyse,
	bpttValuesOf,
	EPSILON,
	goTo,
	lastPosition,
	lossSpec,
	PARAMS,
	positionOf,
	randomTargets,
	readBptt,
	schema,
	type BpttValues
} from '$lib/widgets/bptt/model';

const parse = (query: string) => parseQuery(schema, query);
const stateOf = (query: string) => readBptt(parse(query).values).state;

describe('bptt URL state', () => {
	it('an /embed/unrolled query parses into the same network', () => {
		const u = unrolled.readState(parseQuery(unrolled.schema, 'seed=3&hidden=2&input=1&steps=4&whh=0.5,0.1,-0.2,0.9&step=2').values).state;
		const query = serializeQuery(unrolled.schema, unrolled.valuesOf(u)).toString();
		const parsed = parse(query);
		expect(parsed.issues).toEqual([]);
		const b = readBptt(parsed.values).state;
		expect(b.net).toEqual(u);
		expect(b.param).toBe('whh');
		expect(b.at).toBe(4);
		expect(b.targets).toEqual(randomTargets(4, 2, 3));
	});

	it('targets that do not fit are replaced, with a message; bad values fall back with an issue', () => {
		const wrong = readBptt(parse('steps=3&targets=0,1').values);
		expect(wrong.issues.join()).toMatch(/targets has 2 classes, but there are 3 steps/);
		expect(wrong.state.targets).toHaveLength(3);
		const big = readBptt(parse('output=2&steps=2&targets=0,3').values);
		expect(big.issues.join()).toMatch(/classes 0 … 1/);
		expect(parse('param=wzz').issues.map((i) => i.param)).toContain('param');
		expect(parse('trunc=0').issues.map((i) => i.param)).toContain('trunc');
		expect(parse('at=13').issues.map((i) => i.param)).toContain('at');
	});

	it('clamps the loss step, the entry and the backward position to what exists', () => {
		const s = stateOf('steps=3&at=9&param=b&entry=40&back=12'.replace('at=9', 'at=12'));
		expect(s.at).toBe(3);
		expect(s.entry).toBe(3);
		expect(s.back).toBe(3);
		// A link past the network says so.
		const read = readBptt(parse('steps=3&at=12&param=b&entry=40').values);
		expect(read.issues.join(' ')).toMatch(/at=12 is past the last step.*entry=40 is past the last entry of b \(0 … 3\)/);
	});

	it('round-trips through bpttValuesOf', () => {
		const s = stateOf('seed=5&at=4&param=wxh&entry=2&back=2&trunc=2');
		const again = readBptt(bpttValuesOf(s) as BpttValues).state;
		expect(again).toEqual(s);
	});
});

describe('analyse: the numbers the widget shows', () => {
	const s = stateOf('seed=11&at=5');
	const a = analyse(s);
	const network = unrolled.toNetwork(s.net);
	const inputs = unrolled.inputRows(s.net);

	it('the terms sum to the BPTT gradient and agree with the engine’s chain', () => {
		const chain = gradientChain(network, inputs, lossSpec(s), { step: 5 });
		expect(a.terms.map((t) => t.value)).toEqual(chain.terms.map((t) => t.term[0]));
		expect(a.sum).toBeCloseTo(a.gradient, 14);
		expect(a.running[4]).toBeCloseTo(a.gradient, 14);
	});

	it('the finite difference agrees to many digits for every entry', () => {
		for (const c of a.check) expect(c.relative).toBeLessThan(1e-7);
		const fd = finiteDifference(network, inputs, lossAtStep(lossSpec(s), 5, 2, 5), { param: 'Whh' });
		expect(a.numeric).toBe(fd[0]);
	});

	it('truncation to K ≥ T gives the full gradient; shorter K cuts the terms k ≤ T − K', () => {
		for (const param of Object.keys(PARAMS) as (keyof typeof PARAMS)[]) {
			const full = analyse({ ...s, param, trunc: 7 });
			expect(full.truncated).toBeCloseTo(full.gradient, 14);
			const cut = analyse({ ...s, param, trunc: 2 });
			expect(cut.terms.filter((t) => t.cut).map((t) => t.k)).toEqual([1, 2, 3]);
			expect(cut.truncated).toBe(truncatedGradient(network, inputs, lossSpec(s), { step: 5, length: 2, param: PARAMS[param] })[0]);
			expect(cut.truncated).toBeCloseTo(cut.terms[3].value + cut.terms[4].value, 14);
		}
	});

	it('J = Σ_t J_t: the steps’ gradients add up to dJ/dW', () => {
		expect(a.split.steps).toHaveLength(5);
		expect(a.split.sum).toBeCloseTo(a.split.gradient, 14);
		expect(a.split.steps[4].value).toBeCloseTo(a.gradient, 14);
	});

	it('every term has its own finite difference beside it (W nudged at step k alone), agreeing within 1e-9', () => {
		for (const param of Object.keys(PARAMS) as (keyof typeof PARAMS)[]) {
			const b = analyse({ ...s, param, entry: 1 });
			const numeric = termFiniteDifferences(network, inputs, lossSpec(s), { step: 5, param: PARAMS[param], index: 1, epsilon: EPSILON });
			expect(b.terms.map((t) => t.numeric)).toEqual(Array.from(numeric));
			for (const t of b.terms) {
				expect(Math.abs(t.numeric - t.value)).toBeLessThan(1e-9);
				expect(t.relative).toBe(relativeDifference(t.value, t.numeric));
			}
		}
	});

	it('every step’s dJ_t/dW has its own finite difference of J_t beside it', () => {
		expect(a.split.steps.map((x) => x.step)).toEqual([1, 2, 3, 4, 5]);
		for (const x of a.split.steps) {
			const fd = finiteDifference(network, inputs, lossAtStep(lossSpec(s), 5, 2, x.step), { param: 'Whh', entries: [0] })[0];
			expect(x.numeric).toBe(fd);
			expect(Math.abs(x.numeric - x.value)).toBeLessThan(1e-9);
		}
		// The last step's check is the one shown for the whole chain of L_5.
		expect(a.split.steps[4].numeric).toBe(a.numeric);
	});
});

describe('the timeline: forward, then backward', () => {
	it('runs 0 … steps forward, then 1 … T steps back', () => {
		const s = stateOf('steps=4&at=3&step=2');
		expect(positionOf(s)).toBe(2);
		expect(lastPosition(s)).toBe(7);
		expect(goTo(s, 5)).toEqual({ step: 4, back: 1 });
		expect(goTo(s, 99)).toEqual({ step: 4, back: 3 });
		expect(goTo(s, -1)).toEqual({ step: 0, back: 0 });
		expect(defaults(schema).back).toBe(0);
	});
});
