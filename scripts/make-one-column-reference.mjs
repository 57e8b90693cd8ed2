/**
 * Writes tests/reference/one-column.json: `rnn-reference/1` cases whose networks have one input
 * and one hidden unit, so every weight matrix has one column and is written as a list of
 * one-number rows. PyTorch is not available here, so `expected` holds only what these scalar
 * formulas give independently of the engine (the hidden state, cell state, gates, output and
 * loss of one step); the engine's gradients for the same networks are checked against finite
 * differences in tests/unit/engine/one-column.test.ts.
 *
 *   node scripts/make-one-column-reference.mjs
 */
import { writeFileSync } from 'node:fs';

const σ = (a) => 1 / (1 + Math.exp(-a));
const row = (v) => [[v]];
const x = 0.7;
const h0 = -0.3;
const c0 = 0.4;
const head = { W: row(1.3), b: [-0.2] };
const target = 0.25;

function make(name, cell, params, step, variant) {
	const { h, c, gates } = step();
	const y = head.W[0][0] * h + head.b[0];
	const layer = { cell, ...(variant ? { variant } : {}), inputSize: 1, hiddenSize: 1, params, h0: [h0], ...(cell === 'lstm' ? { c0: [c0] } : {}) };
	const expectedLayer = { h: [[h]], ...(c === undefined ? {} : { c: [[c]] }), ...(gates ? { gates: Object.fromEntries(Object.entries(gates).map(([k, v]) => [k, [[v]]])) } : {}) };
	return {
		name,
		layers: [layer],
		head,
		inputs: [[x]],
		loss: { kind: 'mse', targets: [[target]], reduction: 'sum' },
		expected: { loss: (y - target) ** 2, outputs: [[y]], layers: [expectedLayer] }
	};
}

const w = (p) => p[0][0];
const rnn = { Wxh: row(0.9), Whh: row(-0.6), bh: [0.1] };
const lstm = { Wxi: row(0.5), Whi: row(-0.4), bi: [0.1], Wxf: row(-0.3), Whf: row(0.8), bf: [0.6], Wxg: row(1.1), Whg: row(0.2), bg: [-0.1], Wxo: row(0.7), Who: row(-0.5), bo: [0.3] };
const gruAfter = { Wxr: row(0.4), Whr: row(-0.7), br: [0.2], Wxz: row(-0.6), Whz: row(0.3), bz: [0.1], Wxn: row(0.9), Whn: row(0.5), bxn: [-0.2], bhn: [0.15] };
const gruBefore = { Wxr: row(0.4), Whr: row(-0.7), br: [0.2], Wxz: row(-0.6), Whz: row(0.3), bz: [0.1], Wxn: row(0.9), Whn: row(0.5), bn: [-0.05] };

const gate = (p, g, act, hIn = h0) => act(w(p[`Wx${g}`]) * x + w(p[`Wh${g}`]) * hIn + p[`b${g}`][0]);
const cases = [
	make('rnn-one-input-one-unit', 'rnn', rnn, () => ({ h: Math.tanh(w(rnn.Wxh) * x + w(rnn.Whh) * h0 + rnn.bh[0]) })),
	make('lstm-one-input-one-unit', 'lstm', lstm, () => {
		const [i, f, g, o] = [gate(lstm, 'i', σ), gate(lstm, 'f', σ), gate(lstm, 'g', Math.tanh), gate(lstm, 'o', σ)];
		const c = f * c0 + i * g;
		return { h: o * Math.tanh(c), c, gates: { i, f, g, o } };
	}),
	make('gru-after-one-input-one-unit', 'gru', gruAfter, () => {
		const [r, z] = [gate(gruAfter, 'r', σ), gate(gruAfter, 'z', σ)];
		const n = Math.tanh(w(gruAfter.Wxn) * x + gruAfter.bxn[0] + r * (w(gruAfter.Whn) * h0 + gruAfter.bhn[0]));
		return { h: (1 - z) * n + z * h0, gates: { r, z, n } };
	}, 'reset-after'),
	make('gru-before-one-input-one-unit', 'gru', gruBefore, () => {
		const [r, z] = [gate(gruBefore, 'r', σ), gate(gruBefore, 'z', σ)];
		const n = Math.tanh(w(gruBefore.Wxn) * x + w(gruBefore.Whn) * (r * h0) + gruBefore.bn[0]);
		return { h: (1 - z) * n + z * h0, gates: { r, z, n } };
	}, 'reset-before')
];

const file = {
	format: 'rnn-reference/1',
	generator: 'scripts/make-one-column-reference.mjs: scalar formulas of FORMAT.md, one step (not PyTorch)',
	cases
};
writeFileSync('tests/reference/one-column.json', `${JSON.stringify(file, null, 1)}\n`);
console.log(`wrote ${cases.length} cases to tests/reference/one-column.json`);
