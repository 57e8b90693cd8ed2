// The maths cell against mathjs' security advice (mathjs.org/docs/expressions/security.html) and
// the escapes published for it: none may run JavaScript, change the calculator, pollute
// prototypes or exhaust memory; each gets a message, and the calculator keeps working.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateExpression } from '$lib/mathcell/evaluator';
import type { CellScope } from '$lib/mathcell/protocol';

const scope: CellScope = { a: 1.5, h: [0.2, -0.5, 0.3], W: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] };
const payload = 'globalThis.__pwned = 1';
const pwned = () => (globalThis as { __pwned?: unknown }).__pwned;

/** The calculator still answers correctly, and nothing leaked into JavaScript's shared objects. */
function expectIntact() {
	expect(pwned()).toBeUndefined();
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	expect(Object.prototype.toString).toBe(Object.prototype.toString);
	expect(evaluateExpression('tanh(a)', scope)).toEqual({ ok: true, value: { kind: 'number', value: Math.tanh(1.5) } });
	expect(evaluateExpression('W * h', scope)).toEqual({ ok: true, value: { kind: 'vector', value: [0.2, -0.5, 0.3] } });
}

afterEach(() => {
	delete (globalThis as { __pwned?: unknown }).__pwned;
});

// Escapes published against mathjs (CVE-2017-1001002/1001003 and later reports), and the functions
// the security page says to disable, tried in the spellings the parser accepts.
const attempts = [
	`cos.constructor("${payload}")()`,
	`tanh.constructor("${payload}")()`,
	`[].map.constructor("${payload}")()`,
	`f = tanh.constructor; f("${payload}")()`,
	`tanh["constructor"]("${payload}")()`,
	`tanh["const" + "ructor"]("${payload}")()`,
	`"".constructor.constructor("${payload}")()`,
	`{}.constructor.constructor("${payload}")()`,
	`{a: 1}["constructor"]["constructor"]("${payload}")()`,
	`h.constructor.constructor("${payload}")()`,
	`a.constructor.constructor("${payload}")()`,
	`x = {}; x["__proto__"]["polluted"] = 1`,
	`x = {}; x.__proto__.polluted = 1`,
	`x = {}; x.constructor.prototype.polluted = 1`,
	`h.__proto__.polluted = 1`,
	`tanh.prototype.polluted = 1`,
	`tanh.call(1, 2)`,
	`tanh.apply(1, [2])`,
	`tanh.bind(1)`,
	`tanh.toString()`,
	`tanh.valueOf()`,
	`(f(x) = x).constructor("${payload}")()`,
	`f(x) = x; f.constructor("${payload}")()`,
	`f(x) = x; f["constructor"]("${payload}")()`,
	`map([1], tanh.constructor)`,
	`map([1], f(x) = x.constructor)`,
	`import({x: 1}, {override: true})`,
	`import({tanh: f(x) = 0}, {override: true}); tanh(a)`,
	`createUnit("foo")`,
	`evaluate("${payload}")`,
	`evaluate("1 + 1")`,
	`parse("1 + 1").compile().evaluate()`,
	`parse("1 + 1")`,
	`compile("1")`,
	`simplify("x + x")`,
	`derivative("x^2", "x")`,
	`rationalize("1/x")`,
	`resolve(parse("x"), {x: 1})`,
	`parser()`,
	`config({number: "BigNumber"})`,
	`typed("f", {"number": f(x) = x})`,
	`reviver("a", 1)`,
	`help(tanh)`,
	`format(1)`,
	`print("$x", {x: 1})`,
	`eval("${payload}")`,
	`Function("${payload}")()`,
	`globalThis`,
	`this`,
	`self`,
	`process.exit(1)`,
	`require("fs")`,
	`Math`,
	`Object.prototype`,
	`tanh = f(x) = 0`,
	`tanh = 1; tanh`,
	`sum = import`,
	`zeros(3000, 3000)`,
	`ones(1e9)`,
	`identity(1e5)`,
	`range(0, 1e12)`,
	`0:1e12`,
	`ones(400, 1) * ones(1, 400)`,
	`concat(ones(300, 300), ones(300, 300))`,
	`reshape(ones(10), [1e6, 1e6])`,
	`f(x) = f(x); f(1)`,
	`f(x) = g(x); g(x) = f(x); f(1)`,
	`f(n) = n > 0 ? f(n - 1) : 0; f(1e7)`,
	`f(x) = [f(x), f(x)]; f(1)`,
	`"${'a'.repeat(200)}"`,
	`a.toString.constructor`,
	`a["valueOf"]`,
	`h.length`,
	`h.map`,
	`W._data`,
	`W.valueOf().constructor`,
	`size(W).constructor`
];

describe('MathCell: escapes and abuse', () => {
	it.each(attempts)('%s', (expression) => {
		let outcome: ReturnType<typeof evaluateExpression> | undefined;
		expect(() => (outcome = evaluateExpression(expression, scope))).not.toThrow();
		if (!outcome!.ok) {
			expect(outcome!.message.length).toBeGreaterThan(10);
			expect(outcome!.kind).not.toBe('crash');
		} else {
			// Only plain numbers, lists or text come back: never a JavaScript function or object.
			expect(['number', 'vector', 'matrix', 'boolean', 'text', 'function', 'none']).toContain(outcome!.value.kind);
		}
		expectIntact();
	});

	it('the lesson functions cannot be replaced for the next evaluation', () => {
		evaluateExpression('tanh(x) = 0; tanh(a)', scope);
		evaluateExpression('import({tanh: f(x) = 0}, {override: true})', scope);
		expectIntact();
	});
});

describe('MathCell: anything typed', () => {
	const tokens = [
		'a', 'h', 'W', 'x', 'f', 'tanh', 'map', 'constructor', '__proto__', 'prototype', 'import', 'evaluate',
		'parse', 'simplify', 'derivative', 'createUnit', 'config', 'zeros', 'ones', 'range', 'valueOf', 'toString',
		'(', ')', '[', ']', '{', '}', ',', ';', '.', ':', '=', '+', '*', '^', '?', "'", '"', ' ', '1', '1e9', '3000',
		`"${payload}"`, '"constructor"', 'f(x) = ', '\n'
	];
	it('never throws, never runs JavaScript, and always answers or explains', () => {
		fc.assert(
			fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 24 }), fc.string({ maxLength: 12 }), (parts, noise) => {
				const expression = parts.join('') + noise;
				const outcome = evaluateExpression(expression, scope);
				if (!outcome.ok) expect(outcome.message.length).toBeGreaterThan(10);
				expect(pwned()).toBeUndefined();
				expect(({} as Record<string, unknown>).polluted).toBeUndefined();
			}),
			{ numRuns: 1500 }
		);
		expectIntact();
	}, 120_000);
});
