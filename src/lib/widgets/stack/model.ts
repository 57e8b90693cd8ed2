/**
 * The stack builder's state: the input shape, the layers (cell, units, return_sequences) and a
 * dense head, each parsed from the URL with a message that names what is wrong. Shapes and counts
 * are the engine's (`describeStack`); this file only reads and writes the URL's little grammar.
 */
import { describeStack, type StackLayer, type StackReport } from '$lib/engine/stack';
import type { CellKind } from '$lib/engine/count';
import { MAX_HIDDEN, MAX_INPUT } from '$lib/widgets/limits';
import type { CustomParam, Schema, Values } from '$lib/widgets/params';
import { count } from '$lib/ui/format';

/** The engine's limit on stacked layers (`LIMITS.maxLayers`). */
export const MAX_LAYERS = 8;
/** Steps are only a shape here, never a cost, so they may be long (the lecture's recordings run to 64,480). */
export const MAX_STEPS = 100_000;

const CELL_WORDS: Record<string, CellKind> = { rnn: 'rnn', simplernn: 'rnn', lstm: 'lstm', gru: 'gru' };


/** One layer, `cell:units` with an optional `:seq` for return_sequences, e.g. `lstm:7:seq`. */
function parseLayer(text: string, position: number): StackLayer | string {
	const parts = text.trim().toLowerCase().split(':');
	const where = `Layer ${position} (“${text.trim()}”)`;
	if (parts.length < 2 || parts.length > 3) return `${where} should look like lstm:7 or lstm:7:seq.`;
	const cell = CELL_WORDS[parts[0]];
	if (!cell) return `${where}: “${parts[0]}” is not a cell; use rnn, lstm or gru.`;
	if (!/^\d+$/.test(parts[1])) return `${where}: the units must be a whole number, not “${parts[1]}”.`;
	const units = Number(parts[1]);
	if (units < 1 || units > MAX_HIDDEN) return `${where} has ${count(units)} units; a layer here has 1 to ${count(MAX_HIDDEN)}.`;
	if (parts.length === 3 && parts[2] !== 'seq') return `${where}: the third part can only be “seq” (return_sequences=True), not “${parts[2]}”.`;
	return { cell, units, returnSequences: parts.length === 3 };
}

export const layersParam: CustomParam<StackLayer[]> = {
	kind: 'custom',
	accepts: `1 to ${MAX_LAYERS} layers, comma-separated, each cell:units (cell rnn, lstm or gru; units 1 to ${count(MAX_HIDDEN)}), with :seq for return_sequences (e.g. lstm:7:seq,lstm:9)`,
	default: [
		{ cell: 'lstm', units: 7, returnSequences: true },
		{ cell: 'lstm', units: 9, returnSequences: false }
	],
	doc: 'The recurrent layers bottom-up: rnn, lstm or gru, the units, and :seq to hand on every step (return_sequences=True). A bad entry is named in a message and the default used.',
	parse(raw) {
		const parts = raw.split(',').filter((part) => part.trim() !== '');
		if (parts.length === 0) return { ok: false, message: 'The stack needs at least one layer, e.g. layers=lstm:7.' };
		if (parts.length > MAX_LAYERS) return { ok: false, message: `${parts.length} layers is too many: at most ${MAX_LAYERS} (and one or two usually suffice).` };
		const layers: StackLayer[] = [];
		for (const [i, part] of parts.entries()) {
			const layer = parseLayer(part, i + 1);
			if (typeof layer === 'string') return { ok: false, message: layer };
			layers.push(layer);
		}
		return { ok: true, value: layers };
	},
	format: (layers) => layers.map((l) => `${l.cell}:${l.units}${l.returnSequences ? ':seq' : ''}`).join(',')
};

export interface InputShape {
	steps: number;
	features: number;
}

export const inputParam: CustomParam<InputShape> = {
	kind: 'custom',
	accepts: `steps,features: steps from 1 to ${count(MAX_STEPS)}, features from 1 to ${count(MAX_INPUT)}`,
	default: { steps: 3, features: 5 },
	doc: 'The input shape without the batch: time steps, then features per step (Keras `Input(shape=(steps, features))`).',
	parse(raw) {
		const parts = raw.split(',').map((p) => p.trim());
		if (parts.length !== 2 || !parts.every((p) => /^\d+$/.test(p))) {
			return { ok: false, message: 'input takes two whole numbers, steps,features (e.g. input=3,5).' };
		}
		const [steps, features] = parts.map(Number);
		if (steps < 1 || steps > MAX_STEPS) return { ok: false, message: `${count(steps)} steps is out of range: 1 to ${count(MAX_STEPS)}.` };
		if (features < 1 || features > MAX_INPUT) return { ok: false, message: `${count(features)} features is out of range: 1 to ${count(MAX_INPUT)}.` };
		return { ok: true, value: { steps, features } };
	},
	format: (shape) => `${shape.steps},${shape.features}`
};

export const schema = {
	layers: layersParam,
	input: inputParam,
	head: {
		kind: 'optional-int',
		min: 1,
		max: MAX_INPUT,
		default: 1,
		doc: 'Units of the dense layer on top; empty for none.'
	}
} satisfies Schema;

export type StackValues = Values<typeof schema>;
export const controls = ['input', 'layers', 'head'] as const;

export interface StackCounts {
	keras: StackReport;
	pytorch: StackReport;
}

/** Shapes and counts in both conventions (the shapes are the same; only the biases differ). */
export function stackOf(values: StackValues): StackCounts {
	const design = { steps: values.input.steps, features: values.input.features, layers: values.layers, head: values.head };
	return {
		keras: describeStack({ ...design, convention: 'keras' }),
		pytorch: describeStack({ ...design, convention: 'pytorch' })
	};
}

/** A layer to add on top: the cell and size of the current top layer; the one below must then hand on its sequence. */
export function withLayerAdded(layers: readonly StackLayer[]): StackLayer[] {
	if (layers.length >= MAX_LAYERS) return [...layers];
	const top = layers[layers.length - 1] ?? { cell: 'lstm', units: 8, returnSequences: false };
	const below = layers.map((l, i) => (i === layers.length - 1 ? { ...l, returnSequences: true } : { ...l }));
	return [...below, { cell: top.cell, units: top.units, returnSequences: false }];
}

export function withLayerRemoved(layers: readonly StackLayer[], index: number): StackLayer[] {
	if (layers.length <= 1) return [...layers];
	return layers.filter((_, i) => i !== index).map((l) => ({ ...l }));
}
