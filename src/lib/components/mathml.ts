/**
 * The TeX that widgets write for their live formulas, turned into MathML for the browser to
 * typeset, with no TeX renderer on the page. KaTeX alone is about 75 KB of gzip JavaScript, more
 * than half of what a page may load before the reader does anything (issue 15), and widgets use a
 * small, fixed part of TeX: letters with sub- and superscripts, fractions, sums, a few operators,
 * \big brackets, \boxed, bmatrix and aligned (no \text: the tokenizer drops spaces). Anything
 * outside that part returns null, and Tex.svelte then loads KaTeX for that formula, so an unusual
 * formula is never drawn wrong.
 *
 * The output copies KaTeX's MathML-only markup (`span.katex > math`, `span.katex-display` in
 * display mode, the source kept as an annotation), so the page's CSS and tests see the same
 * classes. tests/unit/components/mathml.test.ts checks it against KaTeX's own MathML.
 */

/** Not handled here: the caller falls back to KaTeX. */
class Unsupported extends Error {}

const GREEK: Record<string, string> = {
	alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ϵ', eta: 'η', theta: 'θ', lambda: 'λ', mu: 'μ',
	pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'ϕ', omega: 'ω', Delta: 'Δ', Sigma: 'Σ', Omega: 'Ω'
};
const OPERATORS: Record<string, string> = {
	cdot: '⋅', times: '×', odot: '⊙', pm: '±', le: '≤', leq: '≤', ge: '≥', geq: '≥', approx: '≈', neq: '≠',
	to: '→', ldots: '…', cdots: '⋯', mid: '∣', in: '∈'
};
const IDENTIFIERS: Record<string, string> = { partial: '∂', infty: '∞', ell: 'ℓ' };
const FUNCTIONS = new Set(['tanh', 'sin', 'cos', 'exp', 'log', 'ln', 'max', 'min', 'det']);
const SPACES: Record<string, string> = { ',': '0.1667em', ':': '0.2222em', ';': '0.2778em', ' ': '0.3333em', quad: '1em', qquad: '2em' };
const BIG: Record<string, string> = { big: '1.2em', bigl: '1.2em', bigr: '1.2em', Big: '1.623em', Bigl: '1.623em', Bigr: '1.623em' };
const LARGE: Record<string, string> = { sum: '∑', prod: '∏' };

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Mathematical bold (U+1D400…): MathML Core has no mathvariant="bold". */
function bold(text: string): string {
	return Array.from(text, (c) => {
		const code = c.codePointAt(0)!;
		if (c >= 'A' && c <= 'Z') return String.fromCodePoint(0x1d400 + code - 65);
		if (c >= 'a' && c <= 'z') return String.fromCodePoint(0x1d41a + code - 97);
		if (c >= '0' && c <= '9') return String.fromCodePoint(0x1d7ce + code - 48);
		return c;
	}).join('');
}

type Token = { kind: 'command'; name: string } | { kind: 'char'; text: string };

function tokenize(tex: string): Token[] {
	const tokens: Token[] = [];
	for (let i = 0; i < tex.length; ) {
		const c = tex[i];
		if (c === '\\') {
			const word = /^[a-zA-Z]+/.exec(tex.slice(i + 1));
			const name = word ? word[0] : tex[i + 1];
			if (name === undefined) throw new Unsupported('trailing backslash');
			tokens.push({ kind: 'command', name });
			i += 1 + name.length;
			// A space after a command word only ends the word.
			if (word) while (tex[i] === ' ') i++;
		} else if (/\s/.test(c)) {
			i++;
		} else {
			const number = /^\d+(\.\d+)?/.exec(tex.slice(i));
			const text = number ? number[0] : c;
			tokens.push({ kind: 'char', text });
			i += text.length;
		}
	}
	return tokens;
}

class Parser {
	#tokens: Token[];
	#at = 0;
	constructor(tokens: Token[]) {
		this.#tokens = tokens;
	}

	get done(): boolean {
		return this.#at >= this.#tokens.length;
	}

	#peek(): Token | undefined {
		return this.#tokens[this.#at];
	}

	#isChar(text: string): boolean {
		const t = this.#peek();
		return t?.kind === 'char' && t.text === text;
	}

	#isCommand(name: string): boolean {
		const t = this.#peek();
		return t?.kind === 'command' && t.name === name;
	}

	#expect(text: string): void {
		if (!this.#isChar(text)) throw new Unsupported(`expected ${text}`);
		this.#at++;
	}

	/** Atoms up to a closing brace, a cell or row end, \end or \right (none consumed). */
	list(): string[] {
		const items: string[] = [];
		for (;;) {
			const t = this.#peek();
			if (!t) return items;
			if (t.kind === 'char' && (t.text === '}' || t.text === '&')) return items;
			if (t.kind === 'command' && (t.name === '\\' || t.name === 'end' || t.name === 'right')) return items;
			// A minus that starts a group or follows an operator or opening bracket is a sign, set
			// tight to its number: (−1), not ( − 1).
			const last = items.at(-1);
			if (t.kind === 'char' && t.text === '-' && (last === undefined || /^<mo\b[^>]*>[^)\]]*<\/mo>$/.test(last))) {
				this.#at++;
				items.push('<mo form="prefix" lspace="0" rspace="0">−</mo>');
				continue;
			}
			items.push(this.#scripts(this.#atom()));
		}
	}

	#row(items: string[]): string {
		return items.length === 1 ? items[0] : `<mrow>${items.join('')}</mrow>`;
	}

	/** A braced group or a single atom, as the argument of \frac, _ or ^. */
	#argument(): string {
		if (this.#isChar('{')) {
			this.#at++;
			const items = this.list();
			this.#expect('}');
			return this.#row(items);
		}
		return this.#atom();
	}

	#text(): string {
		this.#expect('{');
		let text = '';
		while (!this.#isChar('}')) {
			const t = this.#peek();
			if (!t || t.kind !== 'char') throw new Unsupported('only letters in \\mathbf and \\begin');
			text += t.text;
			this.#at++;
		}
		this.#at++;
		return text;
	}

	#scripts(base: string, under = false): string {
		let sub: string | null = null;
		let sup: string | null = null;
		while (this.#isChar('_') || this.#isChar('^')) {
			const which = (this.#peek() as { text: string }).text;
			this.#at++;
			if (which === '_' ? sub !== null : sup !== null) throw new Unsupported('double script');
			if (which === '_') sub = this.#argument();
			else sup = this.#argument();
		}
		const [both, lower, upper] = under ? ['munderover', 'munder', 'mover'] : ['msubsup', 'msub', 'msup'];
		if (sub !== null && sup !== null) return `<${both}>${base}${sub}${sup}</${both}>`;
		if (sub !== null) return `<${lower}>${base}${sub}</${lower}>`;
		if (sup !== null) return `<${upper}>${base}${sup}</${upper}>`;
		return base;
	}

	#atom(): string {
		const t = this.#tokens[this.#at++];
		if (t.kind === 'char') return this.#char(t.text);
		const name = t.name;
		if (GREEK[name]) return `<mi>${GREEK[name]}</mi>`;
		if (IDENTIFIERS[name]) return `<mi>${IDENTIFIERS[name]}</mi>`;
		if (OPERATORS[name]) return `<mo>${OPERATORS[name]}</mo>`;
		if (FUNCTIONS.has(name)) return `<mi>${name}</mi><mo>&#x2061;</mo>`;
		if (SPACES[name]) return `<mspace width="${SPACES[name]}"></mspace>`;
		if (LARGE[name]) return this.#scripts(`<mo movablelimits="true">${LARGE[name]}</mo>`, true);
		if (BIG[name]) {
			const fence = this.#tokens[this.#at++];
			if (fence?.kind !== 'char' || !'()[]|'.includes(fence.text)) throw new Unsupported('\\big without a bracket');
			return `<mo fence="false" stretchy="true" minsize="${BIG[name]}" maxsize="${BIG[name]}">${escape(fence.text)}</mo>`;
		}
		switch (name) {
			case 'frac':
				return `<mfrac>${this.#argument()}${this.#argument()}</mfrac>`;
			case 'mathbf':
				return `<mi>${bold(this.#text())}</mi>`;
			case 'boxed':
				// MathML Core has no menclose; a CSS border draws the box.
				return `<mrow style="border:1px solid currentColor;padding:0.15em 0.25em">${this.#argument()}</mrow>`;
			case 'left': {
				const open = this.#fence();
				const inner = this.list();
				if (!this.#isCommand('right')) throw new Unsupported('\\left without \\right');
				this.#at++;
				const close = this.#fence();
				return `<mrow>${open}${inner.join('')}${close}</mrow>`;
			}
			case 'begin':
				return this.#environment();
			case '{':
			case '}':
				return `<mo stretchy="false">${name}</mo>`;
			default:
				throw new Unsupported(`\\${name}`);
		}
	}

	#fence(): string {
		const t = this.#tokens[this.#at++];
		if (t?.kind !== 'char' || !'()[]|.'.includes(t.text)) throw new Unsupported('unknown \\left or \\right delimiter');
		return t.text === '.' ? '' : `<mo fence="true">${escape(t.text)}</mo>`;
	}

	#char(text: string): string {
		if (/^\d/.test(text)) return `<mn>${text}</mn>`;
		if (/^[a-zA-Z]$/.test(text)) return `<mi>${text}</mi>`;
		if (text === '{') {
			const items = this.list();
			this.#expect('}');
			return `<mrow>${items.join('')}</mrow>`;
		}
		if (text === '-') return '<mo>−</mo>';
		if (text === "'") return '<mo>′</mo>';
		if ('+=<>()[]|,;:!/.*'.includes(text)) return `<mo${'([|)]'.includes(text) ? ' stretchy="false"' : ''}>${escape(text)}</mo>`;
		throw new Unsupported(`character ${text}`);
	}

	/** bmatrix (bracketed, centred cells) and aligned (right | left columns around `&`). */
	#environment(): string {
		const name = this.#text();
		if (name !== 'bmatrix' && name !== 'aligned') throw new Unsupported(`environment ${name}`);
		const rows: string[][] = [[]];
		for (;;) {
			rows[rows.length - 1].push(this.#row(this.list()));
			if (this.#isChar('&')) {
				this.#at++;
			} else if (this.#isCommand('\\')) {
				this.#at++;
				// Extra space below a row (\\[4pt]) is dropped: cells already have padding.
				if (this.#isChar('[')) {
					while (!this.done && !this.#isChar(']')) this.#at++;
					this.#expect(']');
				}
				rows.push([]);
			} else if (this.#isCommand('end')) {
				this.#at++;
				if (this.#text() !== name) throw new Unsupported('mismatched \\end');
				break;
			} else {
				throw new Unsupported(`unclosed ${name}`);
			}
		}
		const aligned = name === 'aligned';
		const cell = (content: string, j: number) =>
			aligned
				? `<mtd style="text-align:${j % 2 ? 'left' : 'right'};padding:0.25em 0"><mstyle displaystyle="true">${j % 2 ? '<mi></mi>' : ''}${content}</mstyle></mtd>`
				: `<mtd><mstyle displaystyle="false">${content}</mstyle></mtd>`;
		const table = `<mtable>${rows.map((row) => `<mtr>${row.map(cell).join('')}</mtr>`).join('')}</mtable>`;
		return aligned ? table : `<mrow><mo fence="true">[</mo>${table}<mo fence="true">]</mo></mrow>`;
	}
}

/**
 * The formula as KaTeX-shaped MathML, or null when it uses TeX this module does not handle
 * (render it with KaTeX then).
 */
export function texToMathml(tex: string, display = false): string | null {
	let body: string;
	try {
		const parser = new Parser(tokenize(tex));
		const items = parser.list();
		if (!parser.done) return null;
		body = `<mrow>${items.join('')}</mrow>`;
	} catch (error) {
		if (error instanceof Unsupported) return null;
		throw error;
	}
	const math = `<math xmlns="http://www.w3.org/1998/Math/MathML"${display ? ' display="block"' : ''}><semantics>${body}<annotation encoding="application/x-tex">${escape(tex)}</annotation></semantics></math>`;
	return display ? `<span class="katex-display"><span class="katex">${math}</span></span>` : `<span class="katex">${math}</span>`;
}
