/**
 * Parameter shapes and counts for recurrent stacks.
 *
 * `cellParameterShapes` is the one place that says which matrices and vectors a cell owns; the
 * engine allocates its networks from it, so a count can never disagree with a real network.
 * Conventions differ only in biases:
 * - engine (the reference format): one bias per gate, except reset-after GRU keeps `bxn` and
 *   `bhn` apart because the reset gate multiplies only `bhn`;
 * - keras: one bias per gate; GRU defaults to `reset_after=True`, which keeps a second
 *   (recurrent) bias for every gate;
 * - pytorch: two biases per gate (`bias_ih`, `bias_hh`) for every cell.
 */

export type CellKind = 'rnn' | 'lstm' | 'gru';
export type GruVariant = 'reset-before' | 'reset-after';
export type Convention = 'engine' | 'keras' | 'pytorch';

export interface ParameterShape {
	/** Name used by the engine and the reference format, e.g. `Whh`, `Wxi`, `bhn`. */
	name: string;
	/** TeX symbol used in lessons, e.g. `W_{hh}`. */
	tex: string;
	rows: number;
	/** 1 for a vector. */
	cols: number;
	/**
	 * A bias is a vector; a weight is a matrix even with one column (one input or one hidden
	 * unit), and the file format writes it as a list of rows either way.
	 */
	kind: 'matrix' | 'vector';
}

export const GATES: Record<CellKind, readonly string[]> = {
	rnn: ['h'],
	lstm: ['i', 'f', 'g', 'o'],
	gru: ['r', 'z', 'n']
};

function matrix(name: string, tex: string, rows: number, cols: number): ParameterShape {
	return { name, tex, rows, cols, kind: 'matrix' };
}

function vector(name: string, tex: string, rows: number): ParameterShape {
	return { name, tex, rows, cols: 1, kind: 'vector' };
}

/** The parameters one layer owns, in the engine's order and naming. */
export function cellParameterShapes(
	cell: CellKind,
	inputSize: number,
	hiddenSize: number,
	variant: GruVariant = 'reset-after',
	convention: Convention = 'engine'
): ParameterShape[] {
	const H = hiddenSize;
	if (cell === 'rnn') {
		const shapes = [matrix('Wxh', 'W_{xh}', H, inputSize), matrix('Whh', 'W_{hh}', H, H)];
		if (convention === 'pytorch') {
			shapes.push(vector('bih', 'b_{ih}', H), vector('bhh', 'b_{hh}', H));
		} else {
			shapes.push(vector('bh', 'b_h', H));
		}
		return shapes;
	}
	const shapes: ParameterShape[] = [];
	for (const gate of GATES[cell]) {
		shapes.push(matrix(`Wx${gate}`, `W_{x${gate}}`, H, inputSize));
		shapes.push(matrix(`Wh${gate}`, `W_{h${gate}}`, H, H));
		const twoBiases =
			convention === 'pytorch' ||
			(cell === 'gru' && variant === 'reset-after' && (convention === 'keras' || gate === 'n'));
		if (twoBiases) {
			shapes.push(vector(`bx${gate}`, `b_{x${gate}}`, H));
			shapes.push(vector(`bh${gate}`, `b_{h${gate}}`, H));
		} else {
			shapes.push(vector(`b${gate}`, `b_{${gate}}`, H));
		}
	}
	return shapes;
}

export interface StackSpec {
	cell: CellKind;
	inputSize: number;
	/** One entry per stacked layer, bottom-up. */
	hiddenSizes: number[];
	/** Units of a dense layer on top of the last layer (optional). */
	headSize?: number;
	convention?: Convention;
	gruVariant?: GruVariant;
}

export interface BlockCount extends ParameterShape {
	count: number;
}

export interface LayerCount {
	/** e.g. "LSTM(7)", "Dense(1)". */
	label: string;
	inputSize: number;
	units: number;
	blocks: BlockCount[];
	total: number;
}

export interface StackCount {
	layers: LayerCount[];
	head: LayerCount | null;
	total: number;
}

const LABEL: Record<CellKind, string> = { rnn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };

function withCounts(shapes: ParameterShape[]): BlockCount[] {
	return shapes.map((shape) => ({ ...shape, count: shape.rows * shape.cols }));
}

function sum(blocks: BlockCount[]): number {
	return blocks.reduce((total, block) => total + block.count, 0);
}

export function countParameters(spec: StackSpec): StackCount {
	const convention = spec.convention ?? 'keras';
	const variant = spec.gruVariant ?? 'reset-after';
	const layers: LayerCount[] = [];
	let inputSize = spec.inputSize;
	for (const units of spec.hiddenSizes) {
		const blocks = withCounts(cellParameterShapes(spec.cell, inputSize, units, variant, convention));
		layers.push({ label: `${LABEL[spec.cell]}(${units})`, inputSize, units, blocks, total: sum(blocks) });
		inputSize = units;
	}
	let head: LayerCount | null = null;
	if (spec.headSize !== undefined && spec.headSize > 0) {
		const blocks = withCounts([
			matrix('W', 'W_{hy}', spec.headSize, inputSize),
			vector('b', 'b_y', spec.headSize)
		]);
		head = { label: `Dense(${spec.headSize})`, inputSize, units: spec.headSize, blocks, total: sum(blocks) };
	}
	const total = layers.reduce((t, layer) => t + layer.total, 0) + (head?.total ?? 0);
	return { layers, head, total };
}

/**
 * The hidden size whose one-layer network (same input, head and convention) has the parameter
 * count closest to `budget`, the smaller size on a tie: how many units a cell gets when cells
 * are compared at equal parameter counts. Counts grow with H, so a binary search finds it.
 */
export function unitsForBudget(spec: Omit<StackSpec, 'hiddenSizes'>, budget: number, maxUnits = 1024): number {
	const total = (units: number) => countParameters({ ...spec, hiddenSizes: [units] }).total;
	let lo = 1;
	let hi = maxUnits;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (total(mid) < budget) lo = mid + 1;
		else hi = mid;
	}
	// lo is the first size at or over the budget; the one below may be closer.
	if (lo > 1 && budget - total(lo - 1) <= total(lo) - budget) return lo - 1;
	return lo;
}
