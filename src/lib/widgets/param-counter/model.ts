/** The parameter counter's state and the maths it shows; counting itself is the engine's. */
import { countParameters, type LayerCount, type StackCount } from '$lib/engine/count';
import { MAX_HIDDEN, MAX_INPUT } from '$lib/widgets/limits';
import type { Schema, Values } from '$lib/widgets/params';
import { tex } from '$lib/ui/format';

export const schema = {
	cell: { kind: 'enum', values: ['rnn', 'lstm', 'gru'] as const, default: 'rnn', doc: 'The recurrent cell.' },
	input: {
		kind: 'int',
		min: 1,
		max: MAX_INPUT,
		default: 3,
		doc: 'Features per time step fed to the first layer.'
	},
	hidden: {
		kind: 'int-list',
		min: 1,
		max: MAX_HIDDEN,
		minLength: 1,
		maxLength: 8,
		default: [100],
		doc: 'Hidden units per layer; a comma list stacks layers bottom-up (e.g. 7,9).'
	},
	head: {
		kind: 'optional-int',
		min: 1,
		max: MAX_INPUT,
		default: null,
		doc: 'Units of a dense output layer on top (optional).'
	},
	convention: {
		kind: 'enum',
		values: ['keras', 'pytorch'] as const,
		default: 'keras',
		doc: '`keras`: one bias vector per gate, except GRU with `reset_after=True` (Keras\' default), which keeps two; `pytorch`: two bias vectors per gate (`bias_ih`, `bias_hh`).'
	},
	variant: {
		kind: 'enum',
		values: ['reset-after', 'reset-before'] as const,
		default: 'reset-after',
		doc: 'GRU only: where the reset gate acts. `reset-after` (Keras `reset_after=True`, its default, and PyTorch) keeps a second bias per gate; `reset-before` (Keras `reset_after=False`) has one. PyTorch has no reset-before GRU: the widget says so when both are chosen.'
	}
} satisfies Schema;

export type ParamCounterValues = Values<typeof schema>;
export const controls = ['cell', 'input', 'hidden', 'head', 'convention', 'variant'] as const;

export function count(values: ParamCounterValues): StackCount {
	return countParameters({
		cell: values.cell,
		inputSize: values.input,
		hiddenSizes: values.hidden,
		headSize: values.head ?? undefined,
		convention: values.convention,
		gruVariant: values.variant
	});
}

const GATE_COUNT = { rnn: 1, lstm: 4, gru: 3 } as const;


/**
 * The layer's count as a formula with its numbers substituted, e.g.
 * 4·(32·64 + 32·32 + 32) = 12,416. Built from the engine's blocks, so it cannot disagree.
 */
export function layerFormula(layer: LayerCount, cell: ParamCounterValues['cell']): string {
	const gates = GATE_COUNT[cell];
	const perGate = layer.blocks.slice(0, layer.blocks.length / gates);
	const terms = perGate.map((block) =>
		block.cols === 1 ? `${block.rows}` : `${block.rows}\\cdot ${block.cols}`
	);
	const inner = terms.join(' + ');
	const body = gates === 1 ? inner : `${gates}\\cdot(${inner})`;
	return `${body} = ${tex(layer.total)}`;
}

/** The general formula, in symbols, for the chosen cell and convention. */
export function symbolicFormula(values: ParamCounterValues): string {
	const twoBiases = values.convention === 'pytorch' || (values.cell === 'gru' && values.variant === 'reset-after');
	const biases = twoBiases ? '2H' : 'H';
	const inner = `H\\cdot I + H\\cdot H + ${biases}`;
	if (values.cell === 'rnn') return `P = ${inner}`;
	return `P = ${GATE_COUNT[values.cell]}\\,(${inner})`;
}

/** PyTorch's nn.GRU has no reset-before form: say so rather than count a layer that does not exist there. */
export function variantNote(values: ParamCounterValues): string | null {
	if (values.cell !== 'gru' || values.convention !== 'pytorch' || values.variant !== 'reset-before') return null;
	return 'PyTorch’s nn.GRU always applies the reset gate after the product; the count shown is a reset-before cell with PyTorch’s two biases per gate, a layer PyTorch does not offer.';
}
