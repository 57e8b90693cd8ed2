/**
 * A sentence under a result when the function's name alone leaves open what was computed:
 * which norm `norm` took, and what `eigs` gives besides the eigenvalues shown. Reads mathjs'
 * parse tree through the few fields it needs, so it stays free of mathjs itself.
 */

/** The parts of a mathjs parse node this file reads. */
export interface NoteNode {
	type: string;
	name?: string;
	value?: unknown;
	content?: NoteNode;
	expr?: NoteNode;
	fn?: NoteNode | string;
	args?: NoteNode[];
	blocks?: { node: NoteNode }[];
	toString(): string;
}

/** Under eigenvalues: what else eigs gives, written with the student's own argument when there is one. */
export function eigsNote(root: NoteNode): string {
	const node = shownStatement(root);
	const call = functionName(node) === 'eigs' && node.args?.length === 1 ? node.toString() : 'eigs(…)';
	return `The eigenvalues, from mathjs’ eigs. The largest magnitude, max(abs(${call}.values)), is the spectral radius; the eigenvectors are in ${call}.eigenvectors.`;
}

const NORM_NOTES: Record<string, string> = {
	'2': 'The 2-norm: for a matrix its largest singular value (the spectral norm), for a vector its length. norm(W, "fro") gives the Frobenius norm.',
	'1': 'The 1-norm: for a matrix the largest column sum of absolute values, for a vector the sum of absolute values.',
	inf: 'The ∞-norm: for a matrix the largest row sum of absolute values, for a vector the largest absolute value.',
	fro: 'The Frobenius norm: the square root of the sum of every squared entry.'
};

/** The statement whose value the cell shows: the last one, brackets removed. */
function shownStatement(node: NoteNode): NoteNode {
	let current = node;
	for (;;) {
		if (current.type === 'BlockNode' && current.blocks?.length) current = current.blocks[current.blocks.length - 1].node;
		else if (current.type === 'ParenthesisNode' && current.content) current = current.content;
		else return current;
	}
}

function functionName(node: NoteNode): string | null {
	if (node.type !== 'FunctionNode' || !node.fn) return null;
	return typeof node.fn === 'string' ? node.fn : (node.fn.name ?? null);
}

/** Which norm a `norm(x, p)` call takes, as a key of NORM_NOTES, or null when p is not a literal. */
function normKind(args: NoteNode[]): string | null {
	if (args.length < 2) return '2';
	const p = args[1];
	if (p.type === 'ConstantNode') {
		const value = String(p.value).toLowerCase();
		if (value === 'infinity') return 'inf';
		return value in NORM_NOTES ? value : null;
	}
	if (p.type === 'SymbolNode' && p.name === 'Infinity') return 'inf';
	return null;
}

/** The note for the shown statement of a parsed expression, or null. */
export function noteFor(root: NoteNode): string | null {
	const node = shownStatement(root);
	if (functionName(node) !== 'norm') return null;
	const kind = normKind(node.args ?? []);
	return kind ? NORM_NOTES[kind] : null;
}
