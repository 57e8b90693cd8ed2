/**
 * The paradigm diagram's state and what it draws: the five ways a recurrent network maps inputs
 * to outputs, laid out as one unrolled RNN over time. Which steps carry a target comes from the
 * engine's masked loss (`prepareLoss`: null = no target at that step).
 */
import { prepareLoss } from '$lib/engine';
import type { Schema, Values } from '$lib/widgets/params';
import { plural } from '$lib/ui/format';

export const SHAPES = ['one-to-one', 'one-to-many', 'many-to-one', 'many-to-many', 'encoder-decoder'] as const;
export type Shape = (typeof SHAPES)[number];
export const MAX_LENGTH = 6;

export const schema = {
	shape: {
		kind: 'enum',
		values: SHAPES,
		default: 'many-to-one',
		doc: 'one-to-one, one-to-many, many-to-one, many-to-many (aligned: one output per input) or encoder-decoder (many-to-many, unaligned).'
	},
	inputs: {
		kind: 'int',
		min: 1,
		max: MAX_LENGTH,
		default: 5,
		doc: 'Input steps n (many-to-one, many-to-many, encoder-decoder).'
	},
	outputs: {
		kind: 'int',
		min: 1,
		max: MAX_LENGTH,
		default: 3,
		doc: 'Output steps m (one-to-many, encoder-decoder).'
	}
} satisfies Schema;

export type ParadigmValues = Values<typeof schema>;
export const controls = ['shape', 'lengths'] as const;

export interface ShapeInfo {
	title: string;
	/** Inputs → outputs in words. */
	mapping: string;
	/** Real tasks of this shape. */
	examples: { name: string; detail: string }[];
	/** Which lengths the reader may change. */
	adjustable: { inputs: boolean; outputs: boolean };
}

export const SHAPE_INFO: Record<Shape, ShapeInfo> = {
	'one-to-one': {
		title: 'One-to-one',
		mapping: 'one input, one output: no sequence at all',
		examples: [
			{ name: 'Image classification', detail: 'one picture in, one label out; an ordinary feed-forward network does this' },
			{ name: 'Next word from one word', detail: 'one word in, a guess at the next one out, with no memory of what came before' }
		],
		adjustable: { inputs: false, outputs: false }
	},
	'one-to-many': {
		title: 'One-to-many',
		mapping: 'one input, then a sequence of outputs',
		examples: [
			{ name: 'Image captioning', detail: 'one image in, the words of a caption out, one per step ("a woman holding a camera in a crowd")' },
			{ name: 'Generation', detail: 'one start token or theme in, a melody or a sentence out' }
		],
		adjustable: { inputs: false, outputs: true }
	},
	'many-to-one': {
		title: 'Many-to-one',
		mapping: 'a sequence of inputs, one output at the end',
		examples: [
			{ name: 'Sentiment classification', detail: 'the words of a review in, positive or negative out after the last word' },
			{ name: 'Echo the second number', detail: 'five digits in, the second one out; the lesson trains it live' }
		],
		adjustable: { inputs: true, outputs: false }
	},
	'many-to-many': {
		title: 'Many-to-many, aligned',
		mapping: 'one output for every input, step by step',
		examples: [
			{ name: 'Part-of-speech tagging', detail: '"the cat sat" in, article, noun, verb out: one tag per word' },
			{ name: 'Named-entity recognition', detail: 'each word labelled person, place, organisation or none' },
			{ name: 'Activity recognition', detail: 'accelerometer readings in, the activity (sitting, walking, running …) out at every time step, as in the lecture’s phone example' },
			{ name: 'Character language model', detail: 'at every step, the next character: "hell" in, "ello" out' }
		],
		adjustable: { inputs: true, outputs: false }
	},
	'encoder-decoder': {
		title: 'Many-to-many, unaligned (encoder–decoder)',
		mapping: 'read the whole input first, then write an output of another length',
		examples: [
			{ name: 'Machine translation', detail: '"how are you" (3 words) in, "comment allez-vous" (2 words) out' },
			{ name: 'Transliteration, summarisation', detail: 'the output length is not the input length, and word k of the output need not match word k of the input' }
		],
		adjustable: { inputs: true, outputs: true }
	}
};

/** One column of the unrolled diagram: a time step of the RNN. */
export interface Step {
	/** 1-based step number t. */
	t: number;
	/** Label of the input fed at this step, or null when nothing new is fed. */
	input: string | null;
	/** Label of the output read at this step, or null when the output is ignored. */
	output: string | null;
	/** True when the loss has a term J_t at this step (from the engine's mask). */
	target: boolean;
	/** Encoder or decoder part (encoder-decoder only). */
	part: 'encoder' | 'decoder' | null;
}

export interface Layout {
	shape: Shape;
	/** Input length n and output length m actually used by this shape. */
	n: number;
	m: number;
	steps: Step[];
	/** The targets list a training loss would get: a placeholder class where there is a target, null elsewhere. */
	targets: (number | null)[];
	/** Steps with a loss term, counted by the engine. */
	lossTerms: number;
	recurrent: boolean;
}

/** The lengths a shape really uses (a one-to-one network ignores both sliders). */
export function lengthsOf(values: ParadigmValues): { n: number; m: number } {
	switch (values.shape) {
		case 'one-to-one':
			return { n: 1, m: 1 };
		case 'one-to-many':
			return { n: 1, m: values.outputs };
		case 'many-to-one':
			return { n: values.inputs, m: 1 };
		case 'many-to-many':
			return { n: values.inputs, m: values.inputs };
		case 'encoder-decoder':
			return { n: values.inputs, m: values.outputs };
	}
}

const sub = (name: string, i: number) => `${name}${i}`;

export function layoutOf(values: ParadigmValues): Layout {
	const { shape } = values;
	const { n, m } = lengthsOf(values);
	let steps: Omit<Step, 'target'>[];
	switch (shape) {
		case 'one-to-one':
			steps = [{ t: 1, input: 'x1', output: 'ŷ1', part: null }];
			break;
		case 'one-to-many':
			steps = Array.from({ length: m }, (_, i) => ({ t: i + 1, input: i === 0 ? 'x1' : null, output: sub('ŷ', i + 1), part: null }));
			break;
		case 'many-to-one':
			steps = Array.from({ length: n }, (_, i) => ({ t: i + 1, input: sub('x', i + 1), output: i === n - 1 ? 'ŷ' : null, part: null }));
			break;
		case 'many-to-many':
			steps = Array.from({ length: n }, (_, i) => ({ t: i + 1, input: sub('x', i + 1), output: sub('ŷ', i + 1), part: null }));
			break;
		case 'encoder-decoder':
			steps = [
				...Array.from({ length: n }, (_, i) => ({ t: i + 1, input: sub('x', i + 1), output: null, part: 'encoder' as const })),
				...Array.from({ length: m }, (_, j) => ({ t: n + j + 1, input: null, output: sub('ŷ', j + 1), part: 'decoder' as const }))
			];
			break;
	}
	// The loss the network would train on: a target wherever an output is read, null elsewhere.
	const targets = steps.map((s) => (s.output === null ? null : 0));
	const prepared = prepareLoss({ kind: 'softmax-ce', targets, reduction: 'sum' }, steps.length, 1);
	return {
		shape,
		n,
		m,
		steps: steps.map((s, i) => ({ ...s, target: prepared.mask[i] === 1 })),
		targets,
		lossTerms: prepared.count,
		recurrent: steps.length > 1
	};
}

/** Width of a brace label in SVG units: 12 px UI type averages under 7 units a character. */
export function labelWidth(label: string): number {
	return label.length * 7;
}

/**
 * Where to centre a label under a brace so that it stays inside the picture: a one-step decoder
 * at the right edge would otherwise push "decoder: writes" past it.
 */
export function labelCentre(centre: number, label: string, width: number, margin = 4): number {
	const half = labelWidth(label) / 2 + margin;
	return Math.min(Math.max(centre, half), width - half);
}


/** The loss as a formula over the steps with targets, e.g. "J = J_5" or "J = J_1 + J_2 + J_3". */
export function lossTermsText(layout: Layout): string {
	const terms = layout.steps.filter((s) => s.target).map((s) => `J${s.t}`);
	return `J = ${terms.join(' + ')}`;
}

/** What a screen reader hears instead of the picture. */
export function describe(layout: Layout): string {
	const info = SHAPE_INFO[layout.shape];
	const T = layout.steps.length;
	const withInput = layout.steps.filter((s) => s.input !== null).map((s) => s.t);
	const withTarget = layout.steps.filter((s) => s.target).map((s) => s.t);
	const list = (ts: number[]) => (ts.length === T && T > 1 ? 'every step' : `step${ts.length === 1 ? '' : 's'} ${ts.join(', ')}`);
	if (!layout.recurrent) {
		return `${info.title}: one input x1 goes through one hidden layer to one output ŷ1, which is compared with its target; there is no step in time and no recurrence.`;
	}
	return (
		`${info.title}: the network is unrolled over ${plural(T, 'step')}; the hidden state is passed from each step to the next. ` +
		`Inputs are fed at ${list(withInput)}. ` +
		`Outputs with a target, each adding a term J_t to the loss, are at ${list(withTarget)}; ` +
		(withTarget.length < T ? `the other steps have no target (null) and add nothing. ` : '') +
		`${lossTermsText(layout)}.`
	);
}
