/**
 * Lesson 11's "hello" model with an end token: trained by the engine, then stepped through one
 * character at a time, so the page can show that the two l's get the same input and differ only
 * in the hidden state, and that generation stops when the model writes <eos>.
 */
import { buildNetwork, createStepper, createTrainer, oneHotSequence, softmax, type Network } from '$lib/engine';
import { SPECIALS, buildVocabulary } from '$lib/engine/data';

export const EOS = SPECIALS.eos;

export interface CharMemoryOptions {
	text?: string;
	hidden?: number;
	steps?: number;
	seed?: number;
	lr?: number;
}

export interface CharMemoryModel {
	tokens: string[];
	eosId: number;
	network: Network;
	/** The training sequence: the text's ids followed by <eos>. */
	ids: number[];
	/** Loss of the last training step (mean over the steps). */
	loss: number;
}

/** Trains a one-layer RNN to read `text` and predict the next token at every step, <eos> after the last. */
export function trainCharMemory(options: CharMemoryOptions = {}): CharMemoryModel {
	const { text = 'hello', hidden = 8, steps = 300, seed = 1, lr = 0.05 } = options;
	const vocab = buildVocabulary([...text, EOS]);
	const ids = [...text].map((c) => vocab.indexOf.get(c)!).concat(vocab.indexOf.get(EOS)!);
	const V = vocab.tokens.length;
	const network = buildNetwork({ inputSize: V, layers: [{ cell: 'rnn', hiddenSize: hidden }], outputSize: V }, { seed });
	const trainer = createTrainer(network, { optimizer: { kind: 'adam', lr } });
	const inputs = oneHotSequence(ids.slice(0, -1), V);
	const loss = { kind: 'softmax-ce' as const, targets: ids.slice(1), reduction: 'mean' as const };
	let last = NaN;
	for (let i = 0; i < steps; i++) last = trainer.step(inputs, loss).loss;
	return { tokens: [...vocab.tokens], eosId: vocab.indexOf.get(EOS)!, network, ids, loss: last };
}

export interface WalkRow {
	t: number;
	input: string;
	/** h_{t−1}, the state the step starts from. */
	before: Float64Array;
	/** h_t after reading the input. */
	h: Float64Array;
	probabilities: Float64Array;
	/** The most likely next token and its probability. */
	top: string;
	topP: number;
}

/** Feeds the text (without <eos>) one token at a time and records the states and predictions. */
export function walk(model: CharMemoryModel): WalkRow[] {
	const stepper = createStepper(model.network);
	const rows: WalkRow[] = [];
	let before = stepper.state()[0].h;
	model.ids.slice(0, -1).forEach((id, i) => {
		const probabilities = softmax(stepper.step(id), 1);
		const h = stepper.state()[0].h;
		let best = 0;
		for (let k = 1; k < probabilities.length; k++) if (probabilities[k] > probabilities[best]) best = k;
		rows.push({ t: i + 1, input: model.tokens[id], before, h, probabilities, top: model.tokens[best], topP: probabilities[best] });
		before = h;
	});
	return rows;
}

/** Euclidean distance between two states. */
export function distance(a: ArrayLike<number>, b: ArrayLike<number>): number {
	let s = 0;
	for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
	return Math.sqrt(s);
}

export interface Generation {
	tokens: string[];
	/** 'eos' when the model wrote the end token, 'limit' when the length cap stopped it. */
	stoppedBy: 'eos' | 'limit';
}

/** Greedy generation from `prime` until the model writes <eos> or `limit` tokens are written. */
export function generateUntilEnd(model: CharMemoryModel, prime: string, limit: number): Generation {
	const stepper = createStepper(model.network);
	const start = model.tokens.indexOf(prime);
	if (start < 0) throw new RangeError(`"${prime}" is not in the vocabulary.`);
	let y = stepper.step(start);
	const out: string[] = [];
	for (let i = 0; i < limit; i++) {
		let best = 0;
		for (let k = 1; k < y.length; k++) if (y[k] > y[best]) best = k;
		out.push(model.tokens[best]);
		if (best === model.eosId) return { tokens: out, stoppedBy: 'eos' };
		y = stepper.step(best);
	}
	return { tokens: out, stoppedBy: 'limit' };
}
