/**
 * The notation page's content: our symbols, and how each lecture (shared/seeds) writes the same
 * things. The vocabulary ids are computed by the same code lessons 3 and 11 use.
 */
import { charLanguageModel } from '$lib/engine/data';
import { build as buildTokens, schema as tokensSchema } from '$lib/widgets/tokens/model';
import { parseQuery } from '$lib/widgets/params';

export interface Symbol {
	tex: string;
	meaning: string;
}

export const OURS: Symbol[] = [
	{ tex: 'x_t', meaning: 'the input at time step t' },
	{ tex: 't = 1, \\dots, T', meaning: 'the steps; T is the length of the sequence (it may differ between sequences)' },
	{ tex: 'h_t,\\ h_0', meaning: 'the hidden state after step t; h₀ is the state before the first step (usually zeros)' },
	{ tex: 'W_{xh}', meaning: 'input → hidden weights, H × I (I inputs, H hidden units)' },
	{ tex: 'W_{hh}', meaning: 'hidden → hidden (recurrent) weights, H × H: the square matrix' },
	{ tex: 'b', meaning: 'the hidden bias, H numbers' },
	{ tex: 'W_{hy},\\ b_y', meaning: 'the head: hidden → output weights (O × H) and the output bias' },
	{ tex: 'y_t,\\ \\hat{y}_t', meaning: 'the head’s output (the logits) and the prediction made from it (after a softmax for classes)' },
	{ tex: 'J_t,\\ J', meaning: 'the loss at step t and the loss of the sequence, J = Σ J_t; lessons 6 and 7 write L_t for J_t when they take one step’s loss apart' },
	{ tex: '\\partial^+ h_t / \\partial W', meaning: 'the explicit derivative: h_{t−1} held fixed (lesson 6)' },
	{ tex: 'K', meaning: 'the truncation length of truncated BPTT' },
	{ tex: '\\rho(W_{hh}),\\ \\lVert W_{hh} \\rVert_2', meaning: 'the spectral radius (largest |eigenvalue|) and the spectral norm (largest stretch) of the recurrent matrix' },
	{ tex: 'g_{\\max}', meaning: 'the threshold of gradient clipping by global norm' },
	{ tex: '\\tau', meaning: 'the sampling temperature (never T, which is the length)' },
	{ tex: 'V', meaning: 'the size of a vocabulary' }
];

export interface LectureRow {
	what: string;
	ours: string;
	nptel: string;
	nus: string;
	amrita: string;
	bits: string;
}

/** Read from the lecture notes in shared/seeds: 000 NPTEL (IIT Madras), 001 NUS-ISS, 003 Amrita, 004 BITS Pilani. */
export const LECTURES: LectureRow[] = [
	{ what: 'hidden state', ours: 'h_t', nptel: 'h_t', nus: 'h_i', amrita: 's_i', bits: 's_t' },
	{ what: 'step index', ours: 't', nptel: 't', nus: 'i', amrita: 'i', bits: 't \\text{ (and } i\\text{)}' },
	{ what: 'input → hidden', ours: 'W_{xh}', nptel: 'W_{xh}', nus: 'W', amrita: 'U', bits: 'U' },
	{ what: 'hidden → hidden (square)', ours: 'W_{hh}', nptel: 'W_{hh}', nus: 'U', amrita: 'W', bits: 'W' },
	{ what: 'hidden → output', ours: 'W_{hy}', nptel: '\\text{fully connected layer}', nus: '\\text{Dense layer}', amrita: 'V', bits: 'V' },
	{ what: 'biases', ours: 'b,\\ b_y', nptel: 'b', nus: 'b', amrita: 'b,\\ c', bits: '\\text{—}' },
	{ what: 'loss at step t', ours: 'J_t', nptel: '\\text{—}', nus: '\\text{—}', amrita: '\\mathcal{L}', bits: 'J_t' }
];

/** The id of "h" in lesson 3 (a vocabulary that starts with the special tokens) and in lesson 11 (letters only). */
export function helloIds(): { lesson3: number; lesson11: number; specials: string[] } {
	const lesson3 = buildTokens(parseQuery(tokensSchema, '').values).vocabulary;
	const lesson11 = charLanguageModel('hello').vocab.tokens;
	const lesson3H = lesson3.indexOf('h');
	return { lesson3: lesson3H, lesson11: lesson11.indexOf('h'), specials: lesson3.slice(0, lesson3H) };
}
