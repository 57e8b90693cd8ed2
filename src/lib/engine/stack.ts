/**
 * A stack of recurrent layers as Keras builds it: the tensor shape each layer hands the next, and
 * each layer's parameter count (from `cellParameterShapes`, the table the engine allocates from).
 *
 * Shapes follow Keras: an input `(None, steps, features)`; a recurrent layer with
 * `return_sequences=True` hands on every h_t, `(None, steps, units)`, without it only the last,
 * `(None, units)`; a recurrent layer needs the time axis, so one placed after a layer that dropped
 * it cannot be built. A dense head acts on the last axis, at every step if the time axis is still
 * there. The step count never enters a parameter count: the same weights serve every step.
 */

import { cellParameterShapes, type CellKind, type Convention, type GruVariant, type LayerCount } from './count';

export interface StackLayer {
	cell: CellKind;
	units: number;
	/** Keras `return_sequences`: hand on h_t for every step (true) or only the last (false). */
	returnSequences: boolean;
	/** GRU only (default reset-after, as Keras and PyTorch). */
	variant?: GruVariant;
}

export interface StackDesign {
	steps: number;
	features: number;
	layers: StackLayer[];
	/** Units of a dense layer on top, or null for none. */
	head: number | null;
	convention: Exclude<Convention, 'engine'>;
}

/** `[null, 3, 7]` is Keras's `(None, 3, 7)`: batch size open, 3 steps, 7 features. */
export type TensorShape = readonly (number | null)[];

export interface StackRow {
	/** Keras-style, e.g. `LSTM(7, return_sequences=True)`, `Dense(1)`, `Input(shape=(3, 5))`. */
	label: string;
	kind: 'input' | 'recurrent' | 'dense';
	/** 1-based index among the recurrent layers (0 for the input and the head). */
	index: number;
	/** The shape this row hands on; null once the stack cannot be built. */
	output: TensorShape | null;
	/** Parameters of this row; null for the input and once the stack cannot be built. */
	count: LayerCount | null;
	/** Why this row cannot be built, for the student; null when it can. */
	problem: string | null;
}

export interface StackReport {
	rows: StackRow[];
	/** Sum of every row's parameters; null when some row cannot be built. */
	total: number | null;
	problems: string[];
}

const NAME: Record<CellKind, string> = { rnn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };

export function formatShape(shape: TensorShape): string {
	const parts = shape.map((d) => (d === null ? 'None' : d.toLocaleString('en-US')));
	return `(${parts.join(', ')}${parts.length === 1 ? ',' : ''})`;
}

export function layerLabel(layer: StackLayer): string {
	return `${NAME[layer.cell]}(${layer.units}${layer.returnSequences ? ', return_sequences=True' : ''})`;
}

function counted(label: string, inputSize: number, units: number, shapes: ReturnType<typeof cellParameterShapes>): LayerCount {
	const blocks = shapes.map((shape) => ({ ...shape, count: shape.rows * shape.cols }));
	return { label, inputSize, units, blocks, total: blocks.reduce((t, b) => t + b.count, 0) };
}

/** Shapes and parameter counts of every layer; a layer that cannot be built says why. */
export function describeStack(design: StackDesign): StackReport {
	const rows: StackRow[] = [
		{
			label: `Input(shape=(${design.steps}, ${design.features}))`,
			kind: 'input',
			index: 0,
			output: [null, design.steps, design.features],
			count: null,
			problem: null
		}
	];
	const problems: string[] = [];
	let shape: TensorShape | null = rows[0].output;
	let previous = 'the input';
	design.layers.forEach((layer, k) => {
		const label = layerLabel(layer);
		let problem: string | null = null;
		if (shape !== null && shape.length !== 3) {
			problem =
				`Layer ${k + 1}, ${label}, needs a sequence, shape (batch, steps, features), but ${previous} hands it ` +
				`${formatShape(shape)}: only the last time step, because return_sequences is off. ` +
				`Turn return_sequences on for ${previous}, or remove layer ${k + 1}.`;
			problems.push(problem);
			shape = null;
		}
		let count: LayerCount | null = null;
		if (shape !== null) {
			const inputSize = shape[shape.length - 1] as number;
			const shapes = cellParameterShapes(layer.cell, inputSize, layer.units, layer.variant ?? 'reset-after', design.convention);
			count = counted(label, inputSize, layer.units, shapes);
			shape = layer.returnSequences ? [null, design.steps, layer.units] : [null, layer.units];
		}
		rows.push({ label, kind: 'recurrent', index: k + 1, output: shape, count, problem });
		previous = `layer ${k + 1}`;
	});
	if (design.head !== null) {
		const label = `Dense(${design.head})`;
		let count: LayerCount | null = null;
		let output: TensorShape | null = null;
		if (shape !== null) {
			const inputSize = shape[shape.length - 1] as number;
			count = counted(label, inputSize, design.head, [
				{ name: 'W', tex: 'W_y', rows: design.head, cols: inputSize, kind: 'matrix' },
				{ name: 'b', tex: 'b_y', rows: design.head, cols: 1, kind: 'vector' }
			]);
			output = [...shape.slice(0, -1), design.head];
		}
		rows.push({ label, kind: 'dense', index: 0, output, count, problem: null });
	}
	const total = problems.length ? null : rows.reduce((t, row) => t + (row.count?.total ?? 0), 0);
	return { rows, total, problems };
}
