import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { texToMathml } from '$lib/components/mathml';
import { defaults } from '$lib/widgets/params';
import { count, layerFormula, schema as counterSchema, symbolicFormula } from '$lib/widgets/param-counter/model';
import { product, productTex, schema as weightsSchema } from '$lib/widgets/window-weights/model';
import { texTuple } from '$lib/widgets/gru-cell/model';

/**
 * The symbols a formula shows, in reading order, as one string: bold letters read as plain, spaces
 * and invisible operators dropped (KaTeX writes 12{,}416 as one number, we as three tokens).
 */
function symbols(mathml: string): string {
	const body = mathml.replace(/<annotation[\s\S]*?<\/annotation>/g, '');
	return [...body.matchAll(/<(mi|mn|mo|mtext)\b[^>]*>([^<]*)<\/\1>/g)]
		.map(([, , text]) =>
			Array.from(text.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x2061;|\u2061/g, ''), (c) => {
				const code = c.codePointAt(0)!;
				if (code >= 0x1d400 && code < 0x1d41a) return String.fromCharCode(65 + code - 0x1d400);
				if (code >= 0x1d41a && code < 0x1d434) return String.fromCharCode(97 + code - 0x1d41a);
				return c;
			}).join('')
		)
		.join('')
		.replace(/\s/g, '');
}

const katexMathml = (tex: string, display: boolean) => katex.renderToString(tex, { displayMode: display, output: 'mathml', throwOnError: true });

const counter = { ...defaults(counterSchema), cell: 'lstm' as const };
const weights = product(defaults(weightsSchema));

/** What the widgets write (bptt, unrolled, gru-cell, param-counter, window-weights), built by their own code where they have it. */
const WIDGET_FORMULAS: [string, boolean][] = [
	['h_t = \\tanh(W_{xh}\\,x_t + W_{hh}\\,h_{t-1} + b)', false],
	['h_{3} = \\tanh\\big(', false],
	['W_{hh}\\,h_{2}', false],
	['\\big)', false],
	['\\frac{\\partial L_{4}}{\\partial W_{hh}} = \\sum_{k=1}^{4} \\frac{\\partial L_{4}}{\\partial h_{4}}\\,\\frac{\\partial h_{4}}{\\partial h_k}\\,\\frac{\\partial^+ h_k}{\\partial W_{hh}}', true],
	['\\partial^+ h_k/\\partial b', false],
	['\\frac{\\partial L_{4}}{\\partial h_{2}} \\cdot \\frac{\\partial^+ h_{2}}{\\partial W_{xh}}', false],
	['r_t = \\sigma(W_{xr} x_t + W_{hr} h_{t-1} + b_r)', true],
	['n_t = \\tanh\\big(W_{xn} x_t + b_n + \\boxed{r_t \\odot (W_{hn} h_{t-1} + b_{hn})}\\big)', true],
	['h_t = (1 - z_t) \\odot n_t + z_t \\odot h_{t-1}', true],
	[`n_{2} = \\tanh${texTuple([0.5, -0.25])} = ${texTuple([0.462, -0.245])}`, true],
	[symbolicFormula(counter), true],
	...count(counter).layers.map((layer): [string, boolean] => [layerFormula(layer, counter.cell), true]),
	['12{,}416 \\times 10^{-3}', false],
	[productTex(weights), true]
];

describe('texToMathml: live formulas without a TeX renderer', () => {
	it.each(WIDGET_FORMULAS)('%s shows the same symbols in the same order as KaTeX', (tex, display) => {
		const ours = texToMathml(tex, display);
		expect(ours).not.toBeNull();
		expect(symbols(ours!)).toEqual(symbols(katexMathml(tex, display)));
	});

	it('keeps KaTeX’s classes and the TeX source (display maths in span.katex-display)', () => {
		const inline = texToMathml('x_t', false)!;
		expect(inline).toMatch(/^<span class="katex"><math [^>]*><semantics>/);
		expect(inline).toContain('<annotation encoding="application/x-tex">x_t</annotation>');
		expect(texToMathml('x_t', true)).toMatch(/^<span class="katex-display"><span class="katex"><math [^>]*display="block"/);
	});

	it('draws a bmatrix with its brackets and one row per line, aligned rows with their columns', () => {
		const m = texToMathml('\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}')!;
		expect(m.match(/<mtr>/g)).toHaveLength(2);
		expect(m.match(/<mtd/g)).toHaveLength(4);
		expect(m).toContain('<mo fence="true">[</mo><mtable>');
		const a = texToMathml('\\begin{aligned} a &= b \\\\[4pt] &= c \\end{aligned}', true)!;
		expect(a.match(/<mtr>/g)).toHaveLength(2);
		expect(a).toContain('text-align:right');
	});

	it.each(['\\sqrt{2}', '\\text{a b}', '\\mathcal{L}', '\\begin{cases} a \\end{cases}', 'a_{b', 'x}', '\\', 'a_1_2', '\\left( x'])(
		'%s is left to KaTeX (null), never drawn half-right',
		(tex) => {
			expect(texToMathml(tex)).toBeNull();
		}
	);

	it('escapes what it shows and the annotation, so a formula cannot inject markup', () => {
		const m = texToMathml('a <b> c')!;
		expect(m).not.toContain('<b>');
		expect(m).toContain('<mo>&lt;</mo><mi>b</mi><mo>&gt;</mo>');
		expect(m).toContain('a &lt;b&gt; c</annotation>');
	});
});
